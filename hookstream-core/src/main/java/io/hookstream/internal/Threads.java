package io.hookstream.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the engine's pools. */
public final class Threads {

  private Threads() {}

  /**
   * Stops {@code executor} taking work and lets queued work finish for up to {@code seconds}, then
   * interrupts what is left (a background sweep picks up what that drops).
   */
  public static void shutdown(java.util.concurrent.ExecutorService executor, long seconds) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
  public static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
