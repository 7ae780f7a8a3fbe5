package io.hookstream.internal;

import io.hookstream.spi.Clock;
import java.security.SecureRandom;

/**
 * Generates ids {@code <prefix>_<32 lower-case hex>} that sort by creation time: 12 hex digits of
 * milliseconds from the clock, then 20 digits that are random per millisecond and counted up within
 * it (like a monotonic ULID), so ids from one generator are strictly increasing. Thread-safe; each
 * kind of id comes from one generator (the service that creates it).
 */
public final class Ids {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();
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
    // Hex written straight into one array: this runs for every event, task and attempt.
    int p = prefix.length();
    char[] out = new char[p + 33];
    prefix.getChars(0, p, out, 0);
    out[p] = '_';
    hex(millis & 0xFFFF_FFFF_FFFFL, out, p + 1, 12);
    hex(h, out, p + 13, 16);
    hex(l, out, p + 29, 4);
    return new String(out);
  }

  /**
   * The smallest possible id of {@code prefix} made at {@code at}: every id made at or after that
   * millisecond sorts above it, every earlier one below.
   */
  public static String floor(String prefix, java.time.Instant at) {
    char[] out = new char[prefix.length() + 13];
    prefix.getChars(0, prefix.length(), out, 0);
    out[prefix.length()] = '_';
    hex(at.toEpochMilli() & 0xFFFF_FFFF_FFFFL, out, prefix.length() + 1, 12);
    return new String(out);
  }

  /** Writes the low {@code digits} hex digits of {@code value} at {@code at}, zero-padded. */
  private static void hex(long value, char[] out, int at, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = DIGITS[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
