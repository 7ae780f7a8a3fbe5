package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.destination.DestinationSpec;
import io.hookstream.replay.BulkRetrySpec;
import io.hookstream.replay.ReplayJob;
import io.hookstream.replay.ReplaySpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a replay or bulk retry refuses, each with a 422 naming the field, and the 404/409s. */
class ReplayValidationTest {

  private final ManualClock clock = new ManualClock();
  private final Hookstream hs = TestEngine.start(clock);
  private final Scope scope = TestEngine.newScope(hs);
  private final Scope otherOrg = TestEngine.newScope(hs);
  private final String destination = destination(scope);
  private final Instant now = clock.now();

  @AfterEach
  void close() {
    hs.close();
  }

  @Test
  void destinationFromAndToAreRequired() {
    assertThat(fields(() -> ReplaySpec.builder().build()))
        .containsExactlyInAnyOrder("destination_id", "from", "to");
  }

  @Test
  void fromAfterToIsRefused() {
    assertThat(fields(() -> spec().from(now).to(now.minusSeconds(1)).build()))
        .containsExactly("from");
    assertThat(fields(() -> BulkRetrySpec.builder().from(now).to(now.minusSeconds(1)).build()))
        .containsExactly("from");
  }

  @Test
  void rateLimitAndMaxEventsMustBeInRange() {
    assertThat(fields(() -> spec().rateLimit(0).build())).containsExactly("rate_limit");
    assertThat(fields(() -> spec().rateLimit(101).build())).containsExactly("rate_limit");
    assertThat(fields(() -> spec().maxEvents(0).build())).containsExactly("max_events");
    assertThat(fields(() -> spec().maxEvents(10_001).build())).containsExactly("max_events");
    ReplaySpec defaults = spec().build();
    assertThat(defaults.rateLimit()).isEqualTo(10);
    assertThat(defaults.maxEvents()).isEqualTo(1_000);
    assertThat(spec().rateLimit(100).maxEvents(10_000).build().rateLimit()).isEqualTo(100);
  }

  @Test
  void anUnknownOrForeignDestinationIsRefused() {
    String foreign = destination(otherOrg);
    assertThat(fields(() -> hs.replays().replay(scope, spec().destinationId(foreign).build())))
        .containsExactly("destination_id");
    String unknown = "dst_" + "0".repeat(32);
    assertThat(fields(() -> hs.replays().replay(scope, spec().destinationId(unknown).build())))
        .containsExactly("destination_id");
    assertThat(
            fields(
                () ->
                    hs.replays()
                        .retry(scope, BulkRetrySpec.builder().destinationId(foreign).build())))
        .containsExactly("destination_id");
  }

  @Test
  void aWindowOlderThanRetentionIsRefused() {
    Instant tooOld = now.minus(Duration.ofDays(31)); // the environment keeps 30 days
    assertThat(fields(() -> hs.replays().replay(scope, spec().from(tooOld).build())))
        .containsExactly("from");
    assertThat(
            hs.replays()
                .replay(scope, spec().from(now.minus(Duration.ofDays(29))).build())
                .status())
        .isEqualTo("running");
  }

  @Test
  void aBulkRetryTakesOnlyFailedEventsAndAKnownIssue() {
    assertThat(fields(() -> BulkRetrySpec.builder().status("delivered").build()))
        .containsExactly("status");
    String unknownIssue = "iss_" + "0".repeat(32);
    assertThat(
            fields(
                () ->
                    hs.replays()
                        .retry(scope, BulkRetrySpec.builder().issueId(unknownIssue).build())))
        .containsExactly("issue_id");
    ReplayJob job = hs.replays().retry(scope, BulkRetrySpec.builder().build());
    assertThat(job.eventStatus()).isEqualTo("failed");
    assertThat(job.from()).isEqualTo(now.minus(Duration.ofDays(30)));
    assertThat(job.to()).isEqualTo(now);
  }

  @Test
  void anotherOrganizationsJobIsNotFoundAndAFinishedOneCannotBeCancelled() {
    ReplayJob job = hs.replays().replay(scope, spec().build());
    assertThat(code(() -> hs.replays().get(otherOrg, job.id()))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(code(() -> hs.replays().cancel(otherOrg, job.id()))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(hs.replays().list(otherOrg, io.hookstream.page.PageRequest.first(10)).items())
        .isEmpty();

    clock.advance(Duration.ofSeconds(1));
    hs.runDueJobs(); // nothing to replay: the job completes
    assertThat(hs.replays().get(scope, job.id()).status()).isEqualTo("completed");
    assertThat(code(() -> hs.replays().cancel(scope, job.id()))).isEqualTo(ErrorCode.CONFLICT);
  }

  private ReplaySpec.Builder spec() {
    return ReplaySpec.builder().destinationId(destination).from(now.minusSeconds(60)).to(now);
  }

  private String destination(Scope s) {
    return hs.destinations()
        .create(s, DestinationSpec.builder().name("target").url("http://127.0.0.1:9/x").build())
        .id();
  }

  private static List<String> fields(ThrowingCallable call) {
    HookstreamException e = thrown(call);
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    return e.fieldErrors().stream().map(FieldError::field).toList();
  }

  private static ErrorCode code(ThrowingCallable call) {
    return thrown(call).code();
  }

  private static HookstreamException thrown(ThrowingCallable call) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isInstanceOf(HookstreamException.class);
    return (HookstreamException) t;
  }
}
