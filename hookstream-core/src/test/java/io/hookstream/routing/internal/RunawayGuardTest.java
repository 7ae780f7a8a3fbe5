package io.hookstream.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The time limit is on CPU time: a thread that waited (here: slept, as a thread starved of a core
 * on a busy machine does) past the wall-clock limit is not stopped; one that computes is.
 */
class RunawayGuardTest {

  private static final long LIMIT = TimeUnit.MILLISECONDS.toNanos(50);

  @Test
  void waitingPastTheLimitIsNotARunaway() throws InterruptedException {
    RunawayGuard guard = new RunawayGuard(LIMIT, 100);
    // Wall time passing without CPU: what a starved thread experiences.
    TimeUnit.MILLISECONDS.sleep(150);
    for (int i = 0; i < 10_000; i++) {
      guard.tick();
    }
  }

  @Test
  void computingPastTheLimitIsStopped() {
    RunawayGuard guard = new RunawayGuard(LIMIT, 100);
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    assertThatThrownBy(
            () -> {
              while (System.nanoTime() < giveUp) {
                guard.tick();
              }
            })
        .isInstanceOf(RunawayGuard.Stop.class)
        .hasMessageContaining("time limit of 50 ms");
    assertThat(System.nanoTime()).isLessThan(giveUp);
  }
}
