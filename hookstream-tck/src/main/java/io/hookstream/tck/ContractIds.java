package io.hookstream.tck;

import java.security.SecureRandom;

/**
 * Ids shaped like the engine's: {@code <prefix>_} + 12 hex digits of wall-clock milliseconds + 20
 * hex digits (8 random per generator, 12 counted up), so ids of one generator strictly increase and
 * sort by creation as strings, and two generators (two test runs on one database) do not collide.
 * Thread-safe.
 */
public final class ContractIds {

  /** A generator with its own random instance part. */
  public ContractIds() {}

  private final long instance = new SecureRandom().nextInt() & 0xFFFF_FFFFL;
  private long lastMillis = -1;
  private long counter;

  /** A new id such as {@code evt_0193c2a4b5c6} followed by 20 hex digits. */
  public String next(String prefix) {
    long millis;
    long count;
    synchronized (this) {
      millis = Math.max(System.currentTimeMillis(), lastMillis);
      if (millis != lastMillis) {
        lastMillis = millis;
        counter = 0;
      } else if (++counter > 0xFFFF_FFFF_FFFFL) {
        lastMillis = ++millis; // counter exhausted: borrow the next millisecond
        counter = 0;
      }
      count = counter;
    }
    return prefix
        + "_"
        + String.format("%012x%08x%012x", millis & 0xFFFF_FFFF_FFFFL, instance, count);
  }
}
