package io.hookstream.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Delivered;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Failed;
import io.hookstream.spi.DestinationProvider.FailureKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A result is a delivery or a failure with its kind, never a success with a failure kind. */
class DeliveryResultTest {

  @Test
  void aDeliveryHasNoFailureAndAFailureAlwaysNamesItsKind() {
    DeliveryResult ok = new Delivered(200, 12, null, null, "ok");
    assertThat(ok.success()).isTrue();
    assertThat(ok.failureKind()).isNull();
    assertThat(ok.retryable()).isFalse();
    assertThat(ok.requestHeaders()).isEmpty();

    DeliveryResult busy =
        new Failed(
            FailureKind.HTTP_5XX,
            "HTTP 503",
            true,
            Duration.ofSeconds(30),
            503,
            40,
            null,
            null,
            "busy");
    assertThat(busy.success()).isFalse();
    assertThat(busy.failureKind()).isEqualTo(FailureKind.HTTP_5XX);
    assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(30));

    assertThatThrownBy(() -> Failed.before(null, "no kind", false))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("failureKind");
  }
}
