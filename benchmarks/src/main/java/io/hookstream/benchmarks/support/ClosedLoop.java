package io.hookstream.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a fixed number of calls on a fixed number of threads, each thread calling again as soon as
 * its call returns (a closed loop: the figure is throughput at that concurrency, and the latencies
 * are service times). Stops by itself after {@code calls}. Fails on the first error.
 */
public final class ClosedLoop {

  private ClosedLoop() {}

  /** What one run measured. */
  public record Result(long calls, long elapsedNanos, Latency latency) {
    public double perSecond() {
      return calls * 1e9 / elapsedNanos;
    }
  }

  /** One call; {@code n} numbers the calls from 0. */
  @FunctionalInterface
  public interface Call {
    void run(long n) throws Exception;
  }

  public static Result run(int threads, long calls, Call call) throws Exception {
    AtomicLong next = new AtomicLong();
    Latency latency = new Latency();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (long n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    call.run(n);
                    latency.recordNanos(System.nanoTime() - t0);
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.MINUTES);
      }
      return new Result(calls, System.nanoTime() - start, latency);
    } finally {
      pool.shutdownNow();
    }
  }
}
