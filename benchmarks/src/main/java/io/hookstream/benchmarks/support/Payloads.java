package io.hookstream.benchmarks.support;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * JSON bodies of a fixed size, shaped like a payment webhook, so that filters and transforms have
 * real fields to read. Stateless.
 */
public final class Payloads {

  /** The body size the issue asks for: 1 KB. */
  public static final int ONE_KB = 1024;

  private Payloads() {}

  /**
   * A JSON object of exactly {@code size} bytes (at least 300) whose first member is {@code "t":
   * stamp}, so a receiver can read the stamp without parsing JSON.
   */
  public static byte[] json(long stamp, int size) {
    String head =
        String.format(
            Locale.ROOT,
            "{\"t\":%d,\"type\":\"payment.succeeded\","
                + "\"livemode\":true,\"data\":{\"id\":\"pay_%d\",\"amount\":%d,\"currency\":\"usd\","
                + "\"customer\":{\"id\":\"cus_42\",\"email\":\"ada@example.com\",\"country\":\"GB\"},"
                + "\"tags\":[\"card\",\"recurring\"],\"note\":\"",
            stamp,
            stamp,
            1000 + stamp % 9000);
    String tail = "\"}}";
    int pad = size - head.length() - tail.length();
    if (pad < 0) {
      throw new IllegalArgumentException("size too small: " + size);
    }
    return (head + "x".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the stamp of a body made by {@link #json} (or any body starting {@code {"t":N}). */
  public static long stamp(byte[] body, int length) {
    int i = 0;
    while (i < length && body[i] != ':') {
      i++;
    }
    long v = 0;
    boolean negative = false;
    for (i++; i < length; i++) {
      byte b = body[i];
      if (b == '-') {
        negative = true;
      } else if (b >= '0' && b <= '9') {
        v = v * 10 + (b - '0');
      } else if (b != ' ') {
        break;
      }
    }
    return negative ? -v : v;
  }
}
