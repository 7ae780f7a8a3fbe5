package io.hookstream.routing.internal;

import com.dashjoin.jsonata.Jsonata.Frame;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Stops one evaluation that runs past a deadline or nests deeper than a limit, through dashjoin's
 * per-frame entry/exit callbacks (the mechanism of its {@code Timebox}, with a monotonic clock and
 * our own exception so the cause is clear). The check runs at every evaluation step, so the calling
 * thread is stopped within one step: no watchdog thread is needed. The limit is on the thread's CPU
 * time where the JVM measures it, so a busy machine that leaves the thread waiting for a core does
 * not fail a sound transform; each step compares the cheap monotonic clock, and only past that
 * deadline is the CPU time read. One guard per evaluation, used by one thread.
 */
final class RunawayGuard {

  /** Thrown from inside evaluation to unwind it; converted to a TransformException. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean timeLimit;

    Stop(boolean timeLimit, String message) {
      super(message, null, false, false);
      this.timeLimit = timeLimit;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final long limitNanos;
  private final long cpuStartNanos;
  private long deadlineNanos;
  private final long limitMillis;
  private final int maxDepth;
  private int depth;
  private int ticks;

  // Not the Clock SPI by design: this bounds CPU spent by one call, not business time.
  RunawayGuard(long limitNanos, int maxDepth) {
    this.limitNanos = limitNanos;
    this.cpuStartNanos = cpuTime();
    this.deadlineNanos = System.nanoTime() + limitNanos;
    this.limitMillis = limitNanos / 1_000_000L;
    this.maxDepth = maxDepth;
  }

  /** Installs the callbacks on {@code frame} (a frame created for this evaluation only). */
  void install(Frame frame) {
    frame.setEvaluateEntryCallback(
        (expr, input, env) -> {
          if (!env.isParallelCall && ++depth > maxDepth) {
            throw new Stop(
                false,
                "transform exceeded the maximum evaluation depth of "
                    + maxDepth
                    + " (non-terminating recursion?)");
          }
          checkTime();
        });
    frame.setEvaluateExitCallback(
        (expr, input, env, result) -> {
          if (!env.isParallelCall) {
            depth--;
          }
          checkTime();
        });
  }

  /**
   * Checks the deadline every 4,096 calls; for loops outside dashjoin such as result conversion.
   */
  void tick() {
    if ((++ticks & 0xFFF) == 0) {
      checkTime();
    }
  }

  private void checkTime() {
    if (System.nanoTime() - deadlineNanos > 0 && !stillWithinCpuLimit()) {
      throw new Stop(
          true, "transform exceeded the time limit of " + limitMillis + " ms (infinite loop?)");
    }
  }

  /**
   * Past the wall-clock deadline: if the thread has used less CPU than the limit (it waited for a
   * core), moves the deadline by what is left and returns true.
   */
  private boolean stillWithinCpuLimit() {
    long used = cpuTime() - cpuStartNanos;
    if (cpuStartNanos < 0 || used >= limitNanos) {
      return false;
    }
    deadlineNanos = System.nanoTime() + (limitNanos - used);
    return true;
  }

  /** This thread's CPU time in nanoseconds, or -1 where the JVM does not measure it. */
  private static long cpuTime() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }
}
