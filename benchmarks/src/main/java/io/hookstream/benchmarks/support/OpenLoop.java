package io.hookstream.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: call {@code i} is due at {@code start + i / rate}, whatever happened
 * to the calls before it, and is handed its intended send time. Whoever measures latency from that
 * time (not from the actual send) records the wait of a call that went out late too, so a stall is
 * not hidden (no coordinated omission). Sender threads take calls in order; with a rate of 0 every
 * call is due at once (saturation). Stops by itself after {@code calls}. Fails on the first error.
 */
public final class OpenLoop {

  private OpenLoop() {}

  /** One call, given its number and its intended send time ({@code System.nanoTime()}). */
  @FunctionalInterface
  public interface Call {
    void run(long n, long intendedNanos) throws Exception;
  }

  /** What the generator did: when it started, and how late the latest call went out. */
  public record Result(long startNanos, long endNanos, long maxLagNanos) {}

  public static Result run(int senders, double rate, long calls, Call call) throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicLong maxLag = new AtomicLong();
    double interval = rate <= 0 ? 0 : 1e9 / rate;
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < senders; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (long n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
                    long intended = start + (long) (n * interval);
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    maxLag.accumulateAndGet(-wait, Math::max);
                    call.run(n, intended);
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.MINUTES);
      }
      return new Result(start, System.nanoTime(), maxLag.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
