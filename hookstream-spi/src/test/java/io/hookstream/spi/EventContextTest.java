package io.hookstream.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventContextTest {

  @Test
  void theHeadersAreReadOnlyWhenAskedForAndThenOnce() {
    AtomicInteger reads = new AtomicInteger();
    EventContext context =
        new EventContext(
            "src_1",
            Instant.EPOCH,
            "POST",
            () -> {
              reads.incrementAndGet();
              return Map.of("x-github-event", List.of("push"));
            });

    assertThat(context.sourceId()).isEqualTo("src_1");
    assertThat(reads).hasValue(0);
    assertThat(context.headers()).containsEntry("x-github-event", List.of("push"));
    assertThat(context.headers()).hasSize(1);
    assertThat(reads).hasValue(1);
  }

  @Test
  void aRequestWithoutContextHasEmptyHeadersAndNullFields() {
    DeliveryRequest request =
        DeliveryRequest.builder()
            .eventId("evt_1")
            .destinationId("dst_1")
            .timestamp(Instant.EPOCH)
            .timeout(Duration.ofSeconds(1))
            .build();

    assertThat(request.event().sourceId()).isNull();
    assertThat(request.event().headers()).isEmpty();
    assertThat(request.attemptNumber()).isEqualTo(1);
  }
}
