package io.hookstream.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.EventStatus;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.testkit.HookstreamExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a team tests its webhook handler against hookstream's retry schedule, without sleeping. */
class RetryScheduleTest {

  @RegisterExtension HookstreamExtension hs = HookstreamExtension.create();

  @Test
  void aHandlerThatFailsTwiceGetsTheThirdAttemptFiveMinutesAfterTheSecond() {
    hs.receiver().enqueue(ScriptedResponse.status(503), ScriptedResponse.status(500));
    String source = hs.connectToReceiver().sourceId();
    String eventId = hs.send(source, "{\"type\":\"order.created\",\"id\":\"ord_1\"}").eventId();
    Duration wait = Duration.ofSeconds(10);

    hs.awaitAttempts(eventId, 1, wait); // attempt 1: 503
    hs.advance(Duration.ofSeconds(29));
    assertThat(hs.attempts(eventId)).hasSize(1); // retry 1 waits 30 s, not 29
    hs.advance(Duration.ofSeconds(1));
    hs.awaitAttempts(eventId, 2, wait); // attempt 2: 500
    hs.advance(Duration.ofMinutes(5));
    hs.awaitAttempts(eventId, 3, wait); // attempt 3: 200

    var third = hs.receiver().requests().get(2);
    assertThat(third.header("X-hookstream-Delivery-Attempt")).isEqualTo("3");
    assertThat(third.header("X-hookstream-Event-Id")).isEqualTo(eventId);
    assertThat(hs.attempts(eventId)).extracting(a -> a.statusCode()).containsExactly(503, 500, 200);
    hs.awaitEventStatus(eventId, EventStatus.DELIVERED, wait);
  }
}
