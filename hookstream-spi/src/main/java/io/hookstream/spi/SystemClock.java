package io.hookstream.spi;

import java.time.Instant;

/** The JVM's clocks. Stateless. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime();
  }
}
