package io.hookstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.Clock;
import io.hookstream.spi.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The job runner on the manual clock: due jobs run, in order, and only when due. */
@Timeout(30)
class JobRunnerTest {

  private final ManualClock clock = new ManualClock();
  private final List<String> ran = new CopyOnWriteArrayList<>();

  private Job job(String name, Duration interval) {
    return Job.every(name, interval, () -> ran.add(name));
  }

  @Test
  void aJobRunsWhenItsIntervalHasPassedOnTheClockAndNotBefore() {
    JobRunner runner =
        new JobRunner(
            clock,
            List.of(
                job("sweep", Duration.ofSeconds(10)),
                Job.atStartAndEvery("beat", Duration.ofSeconds(5), () -> ran.add("beat"))),
            Duration.ofSeconds(1),
            "test");

    assertThat(runner.runDue()).as("at once: only the job due at start").containsExactly("beat");
    assertThat(runner.runDue()).as("the clock has not moved").isEmpty();
    clock.advance(Duration.ofSeconds(9));
    assertThat(runner.runDue()).containsExactly("beat");
    clock.advance(Duration.ofSeconds(1));
    assertThat(runner.runDue()).as("the beat is next due at 14 s").containsExactly("sweep");
    clock.advance(Duration.ofSeconds(4));
    assertThat(runner.runDue()).containsExactly("beat");
    assertThat(ran).containsExactly("beat", "beat", "sweep", "beat");
  }

  @Test
  void aFailingJobIsLoggedAndTheOthersStillRunThenItRunsAgainAnIntervalLater() {
    AtomicInteger failures = new AtomicInteger();
    Job failing =
        Job.every(
            "failing",
            Duration.ofMinutes(1),
            () -> {
              failures.incrementAndGet();
              throw new IllegalStateException("store down");
            });
    JobRunner runner =
        new JobRunner(
            clock,
            List.of(
                job("before", Duration.ofMinutes(1)), failing, job("after", Duration.ofMinutes(1))),
            Duration.ofSeconds(1),
            "test");

    clock.advance(Duration.ofMinutes(1));
    assertThat(runner.runDue()).containsExactly("before", "failing", "after");
    assertThat(ran).containsExactly("before", "after");
    assertThat(runner.runDue()).as("not due again at once after failing").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    runner.runDue();
    assertThat(failures).hasValue(2);
    assertThat(ran).containsExactly("before", "after", "before", "after");
  }

  @Test
  void dueJobsRunInTheOrderTheyWereGivenWhateverTheirIntervals() {
    JobRunner runner =
        new JobRunner(
            clock,
            List.of(
                job("c", Duration.ofHours(1)),
                job("a", Duration.ofSeconds(1)),
                job("b", Duration.ofMinutes(1))),
            Duration.ofSeconds(1),
            "test");

    clock.advance(Duration.ofDays(1));
    assertThat(runner.runDue()).containsExactly("c", "a", "b");
    clock.advance(Duration.ofDays(1));
    assertThat(runner.runDue()).containsExactly("c", "a", "b");
    assertThat(ran).containsExactly("c", "a", "b", "c", "a", "b");
  }

  @Test
  void onAManualClockAStartedRunnerStartsNoThreadSoNothingRunsUnlessAsked() {
    try (JobRunner runner =
        new JobRunner(
            clock,
            List.of(job("sweep", Duration.ofSeconds(1))),
            Duration.ofMillis(1),
            "manual-clock-runner")) {
      runner.start();
      clock.advance(Duration.ofHours(1));
      assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .noneMatch(name -> name.startsWith("manual-clock-runner"));
      assertThat(ran).isEmpty();
      assertThat(runner.runDue()).containsExactly("sweep");
    }
  }

  @Test
  void onAClockThatMovesByItselfASlowJobNeverHoldsUpTheOthersNorRunsTwiceAtOnce() throws Exception {
    Clock moving = new Clock() { // moves by itself (the default), at the pace the test sets
          @Override
          public Instant now() {
            return clock.now();
          }

          @Override
          public long monotonicNanos() {
            return clock.monotonicNanos();
          }
        };
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger purges = new AtomicInteger();
    Job purge =
        Job.every(
            "purge",
            Duration.ofSeconds(1),
            () -> {
              purges.incrementAndGet();
              awaitQuietly(release);
            });
    AtomicInteger beats = new AtomicInteger();
    Job beat = Job.every("beat", Duration.ofSeconds(1), beats::incrementAndGet);
    try (JobRunner runner =
        new JobRunner(moving, List.of(purge, beat), Duration.ofMillis(5), "moving-clock-runner")) {
      runner.start();
      for (int second = 1; second <= 5; second++) {
        clock.advance(Duration.ofSeconds(1));
        int expected = second;
        awaitTrue(() -> beats.get() == expected);
      }
      assertThat(purges).as("still in its first run").hasValue(1);
      release.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
      LockSupport.parkNanos(1_000_000);
    }
  }
}
