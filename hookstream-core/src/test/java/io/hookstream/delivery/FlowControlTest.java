package io.hookstream.delivery;

import static io.hookstream.delivery.ScriptedProvider.ok;
import static io.hookstream.delivery.ScriptedProvider.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.EventStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Ordered delivery and rate limits, on the manual clock. */
class FlowControlTest {

  private final DeliveryFixture f = new DeliveryFixture();
  private final DeliveryScheduler scheduler = f.scheduler().build();

  @Test
  void orderedDestinationDeliversFifoAndBlocksBehindARetry() {
    DestinationRecord d =
        f.destination("ordered", RetryPolicy.DEFAULT, new Delivery(10, true, null));
    Set<String> failOnce = ConcurrentHashMap.newKeySet();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(f.event("{\"n\":" + i + "}", d));
    }
    failOnce.add(events.get(1));
    f.provider.script(d.id(), r -> failOnce.remove(r.eventId()) ? status(500) : ok());

    scheduler.runDueNow();
    // The first went through, the second failed and now waits 30 s; the rest wait behind it.
    assertThat(f.provider.received(d.id()))
        .extracting(ScriptedProvider.Received::eventId)
        .containsExactly(events.get(0), events.get(1));
    f.clock.advance(Duration.ofSeconds(29));
    assertThat(scheduler.runDueNow().claimed()).isZero();

    f.clock.advance(Duration.ofSeconds(1));
    scheduler.runDueNow();
    assertThat(f.provider.received(d.id()))
        .extracting(ScriptedProvider.Received::eventId)
        .containsExactly(events.get(0), events.get(1), events.get(1), events.get(2), events.get(3));
    events.forEach(e -> assertThat(f.status(e)).isEqualTo(EventStatus.DELIVERED));
  }

  @Test
  void orderedDestinationMovesOnAfterTheHeadIsDeadLettered() {
    DestinationRecord d =
        f.destination(
            "ordered-dlq", new RetryPolicy(1, "fixed", List.of(10)), new Delivery(10, true, null));
    String head = f.event("{\"head\":true}", d);
    String next = f.event("{\"next\":true}", d);
    f.provider.script(d.id(), r -> r.eventId().equals(head) ? status(500) : ok());

    scheduler.runDueNow();
    assertThat(f.provider.received(d.id())).hasSize(1);
    f.clock.advance(Duration.ofSeconds(10));
    scheduler.runDueNow();
    assertThat(f.status(head)).isEqualTo(EventStatus.FAILED);
    assertThat(f.status(next)).isEqualTo(EventStatus.DELIVERED);
  }

  @Test
  void rateLimitSpreadsDeliveriesOverTime() {
    DestinationRecord limited =
        f.destination("limited", RetryPolicy.DEFAULT, new Delivery(10, false, 2.0));
    DestinationRecord free = f.destination("free");
    for (int i = 0; i < 7; i++) {
      f.event("{}", limited);
      f.event("{}", free);
    }

    scheduler.runDueNow();
    assertThat(f.provider.received(limited.id())).hasSize(2);
    assertThat(f.provider.received(free.id())).hasSize(7);

    f.clock.advance(Duration.ofMillis(500));
    scheduler.runDueNow();
    assertThat(f.provider.received(limited.id())).hasSize(3);

    f.clock.advance(Duration.ofSeconds(1));
    scheduler.runDueNow();
    assertThat(f.provider.received(limited.id())).hasSize(5);

    f.clock.advance(Duration.ofSeconds(10)); // the bucket holds at most 2
    scheduler.runDueNow();
    assertThat(f.provider.received(limited.id())).hasSize(7);
  }
}
