package io.hookstream.testsession.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import java.time.Duration;
import java.util.Map;

/**
 * At most {@code perWindow} new sessions per client address per window: a fixed-window counter in
 * the key-value store, so every engine sharing it counts together and a restart forgets nothing.
 * Over the limit: 429 naming the limit, with {@code retry_after_seconds}. Thread-safe.
 */
public final class CreationLimit {

  private final KeyValueStore kv;
  private final Clock clock;
  private final int perWindow;
  private final Duration window;

  public CreationLimit(KeyValueStore kv, Clock clock, int perWindow, Duration window) {
    this.kv = kv;
    this.clock = clock;
    this.perWindow = perWindow;
    this.window = window;
  }

  /** Counts one creation by {@code clientIp}; 429 when it is one too many. */
  public void hit(String clientIp) {
    long now = clock.now().toEpochMilli();
    long length = window.toMillis();
    long start = now - Math.floorMod(now, length);
    long count = kv.increment("hookstream:test-sessions:" + clientIp + ":" + start, 1, window);
    if (count > perWindow) {
      long retryAfter = Math.max(1, (start + length - now + 999) / 1000);
      throw new HookstreamException(
          ErrorCode.RATE_LIMITED,
          "test session limit reached: at most "
              + perWindow
              + " sessions per IP address per "
              + window.toMinutes()
              + " minutes; retry after "
              + retryAfter
              + " s",
          java.util.List.of(),
          Map.of("retry_after_seconds", retryAfter),
          null);
    }
  }
}
