package io.hookstream.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Delivered;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Failed;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adaptive concurrency limit of a destination on one node, driven by a manual clock. */
class AdaptiveLimitsTest {

  private static final String D = "dst_a";
  private static final Delivery MAX_64 = new Delivery(64, false, null);
  private static final Duration FAST = Duration.ofMillis(5);

  private final ManualClock clock = new ManualClock();
  private final AdaptiveLimits limits = new AdaptiveLimits(clock, true, 100);

  @Test
  void startsAtTenOrTheDestinationsCapAndOrderedStaysAtOne() {
    assertThat(limits.limit(D, MAX_64)).isEqualTo(10);
    assertThat(limits.limit("dst_small", new Delivery(4, false, null))).isEqualTo(4);
    assertThat(limits.limit("dst_ordered", new Delivery(64, true, null))).isEqualTo(1);
    assertThat(new AdaptiveLimits(clock, true, 6).limit(D, MAX_64)).isEqualTo(6);
  }

  @Test
  void growsByOneAfterEachWindowOfSuccessesWhileLatencyStaysFlat() {
    limits.limit(D, MAX_64);
    succeedAtTheLimit(FAST);
    assertThat(limits.limit(D, MAX_64)).isEqualTo(11);
    succeedAtTheLimit(FAST);
    assertThat(limits.limit(D, MAX_64)).isEqualTo(12);
  }

  @Test
  void doesNotGrowWhileTheLimitIsNotUsed() {
    limits.limit(D, MAX_64);
    limits.inUse(D, 2); // a trickle: two in flight at most
    succeed(10, FAST);
    assertThat(limits.limit(D, MAX_64)).isEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void halvesOnA429OrA5xx(int status) {
    limits.limit(D, MAX_64);
    finish(limits.started(D), failed(status));
    assertThat(limits.limit(D, MAX_64)).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TIMEOUT", "NETWORK", "THROTTLED"})
  void halvesOnATimeoutANetworkFailureOrAThrottle(String kind) {
    limits.limit(D, MAX_64);
    finish(limits.started(D), Failed.before(FailureKind.valueOf(kind), "x", true));
    assertThat(limits.limit(D, MAX_64)).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 404, 410, 413, 422})
  void aCallersFault4xxLeavesTheLimitAlone(int status) {
    limits.limit(D, MAX_64);
    finish(limits.started(D), failed(status));
    assertThat(limits.limit(D, MAX_64)).isEqualTo(10);
  }

  @Test
  void deliveriesSentBeforeACutDoNotCutAgain() {
    limits.limit(D, MAX_64);
    long cohort = limits.started(D);
    IntStream.range(0, 10).forEach(i -> finish(cohort, failed(429)));
    assertThat(limits.limit(D, MAX_64)).isEqualTo(5);

    finish(limits.started(D), failed(429)); // sent at 5, refused: 5 is too many too
    assertThat(limits.limit(D, MAX_64)).isEqualTo(2);
  }

  @Test
  void neverFallsBelowOne() {
    limits.limit(D, MAX_64);
    IntStream.range(0, 10).forEach(i -> finish(limits.started(D), failed(503)));
    assertThat(limits.limit(D, MAX_64)).isEqualTo(1);
    succeedAtTheLimit(FAST); // and climbs back from there
    assertThat(limits.limit(D, MAX_64)).isEqualTo(2);
  }

  @Test
  void isCappedByMaxInFlightAndFollowsItsChanges() {
    Delivery max12 = new Delivery(12, false, null);
    limits.limit(D, max12);
    for (int i = 0; i < 5; i++) {
      succeedAtTheLimit(max12, FAST);
    }
    assertThat(limits.limit(D, max12)).isEqualTo(12);

    assertThat(limits.limit(D, new Delivery(6, false, null))).isEqualTo(6);
    succeedAtTheLimit(max12, FAST); // raised again: the limit grows back from 6
    assertThat(limits.limit(D, max12)).isEqualTo(7);
  }

  @Test
  void aQueueBuildingAtTheReceiverStopsGrowthAndShrinksTheLimit() {
    limits.limit(D, MAX_64);
    succeedAtTheLimit(FAST);
    succeedAtTheLimit(Duration.ofMillis(20)); // within 2 x 5 ms + 10 ms: still flat
    assertThat(limits.limit(D, MAX_64)).isEqualTo(12);

    succeedAtTheLimit(Duration.ofMillis(40)); // eight times the best: requests queue up
    assertThat(limits.limit(D, MAX_64)).isEqualTo(11);
  }

  @Test
  void aReceiverThatGotSlowerForGoodIsRelearntWithinTwoBaselinePeriods() {
    limits.limit(D, MAX_64);
    succeedAtTheLimit(FAST);
    Duration slower = Duration.ofMillis(50);
    succeedAtTheLimit(slower);
    assertThat(limits.limit(D, MAX_64)).isEqualTo(10);

    clock.advance(Duration.ofSeconds(30));
    succeedAtTheLimit(slower); // 5 ms is still among the recent samples
    assertThat(limits.limit(D, MAX_64)).isEqualTo(9);
    clock.advance(Duration.ofSeconds(30));
    succeedAtTheLimit(slower); // a minute on, 50 ms is the receiver's normal: growth resumes
    assertThat(limits.limit(D, MAX_64)).isEqualTo(10);
  }

  @Test
  void switchedOffEveryLimitIsTheCap() {
    AdaptiveLimits off = new AdaptiveLimits(clock, false, 16);
    assertThat(off.limit(D, MAX_64)).isEqualTo(16);
    finish(off, off.started(D), failed(429));
    assertThat(off.limit(D, MAX_64)).isEqualTo(16);
    assertThat(off.size()).isZero();
  }

  @Test
  void aLimitIsDroppedWhenItsDestinationIsIdleOrDeleted() {
    limits.limit(D, MAX_64);
    limits.limit("dst_b", MAX_64);
    limits.forget("dst_b");
    assertThat(limits.size()).isEqualTo(1);

    clock.advance(AdaptiveLimits.IDLE.plusSeconds(1));
    limits.limit("dst_c", MAX_64);
    assertThat(limits.size()).as("only the destination just used").isEqualTo(1);
  }

  private void succeedAtTheLimit(Duration latency) {
    succeedAtTheLimit(MAX_64, latency);
  }

  /** {@code limit} successes of deliveries that all started at the current limit, fully used. */
  private void succeedAtTheLimit(Delivery delivery, Duration latency) {
    int limit = limits.limit(D, delivery);
    limits.inUse(D, limit);
    succeed(limit, latency);
  }

  private void succeed(int n, Duration latency) {
    long token = limits.started(D);
    for (int i = 0; i < n; i++) {
      limits.finished(D, token, latency.toNanos(), new Delivered(200, 1, null, null, null));
    }
  }

  private void finish(long token, DeliveryResult result) {
    finish(limits, token, result);
  }

  private static void finish(AdaptiveLimits on, long token, DeliveryResult result) {
    on.finished(D, token, FAST.toNanos(), result);
  }

  private static DeliveryResult failed(int status) {
    FailureKind kind =
        status == 410
            ? FailureKind.ENDPOINT_GONE
            : status >= 500 ? FailureKind.HTTP_5XX : FailureKind.HTTP_4XX;
    return new Failed(kind, "status " + status, status >= 500, null, status, 1, null, null, null);
  }
}
