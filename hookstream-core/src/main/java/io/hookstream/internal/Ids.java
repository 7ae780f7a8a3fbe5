package io.hookstream.internal;

import io.hookstream.spi.Clock;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generates ids {@code <prefix>_<32 lower-case hex>} that sort by creation time: 12 hex digits
 * of milliseconds from the clock, then 20 digits that are random per millisecond and counted up
 * within it (like a monotonic ULID), so ids from one generator are strictly increasing.
 * Thread-safe; one per engine.
 */
public final class Ids {

  private static final HexFormat HEX = HexFormat.of();
  private static final long LOW_MASK = (1L << 16) - 1; // 80 random bits = 64 + 16

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private long hi; // upper 64 of the 80 random bits
  private long lo; // lower 16 bits

  public Ids(Clock clock) {
    this.clock = clock;
  }

  /** A new id such as {@code evt_0193c2...}. */
  public String next(String prefix) {
    long millis;
    long h;
    long l;
    synchronized (this) {
      millis = Math.max(clock.now().toEpochMilli(), lastMillis);
      if (millis != lastMillis) {
        lastMillis = millis;
        hi = random.nextLong() >>> 1; // headroom so increments rarely carry out
        lo = random.nextInt() & LOW_MASK;
      } else if (++lo > LOW_MASK) {
        lo = 0;
        hi++;
      }
      h = hi;
      l = lo;
    }
    StringBuilder sb = new StringBuilder(prefix.length() + 33).append(prefix).append('_');
    String ms = Long.toHexString(millis & 0xFFFF_FFFF_FFFFL);
    sb.append("0".repeat(12 - ms.length())).append(ms);
    sb.append(HEX.toHexDigits(h));
    String low = Integer.toHexString((int) l);
    sb.append("0".repeat(4 - low.length())).append(low);
    return sb.toString();
  }
}
