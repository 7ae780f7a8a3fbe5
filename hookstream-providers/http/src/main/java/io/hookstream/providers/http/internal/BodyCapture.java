package io.hookstream.providers.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.Arrays;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads at most {@code limit} bytes of a response body and decodes them as UTF-8 without cutting a
 * character in half; the rest of the body is never read, so a huge response costs nothing.
 */
public final class BodyCapture {

  private BodyCapture() {}

  /** Up to {@code limit} bytes of {@code source}, as text. */
  public static String read(BufferedSource source, int limit) throws IOException {
    Buffer buffer = new Buffer();
    while (buffer.size() < limit) {
      long read = source.read(buffer, limit - buffer.size());
      if (read == -1) {
        break;
      }
    }
    // Trimming only drops an incomplete last character, so a body of exactly limit bytes is kept.
    byte[] bytes = buffer.readByteArray();
    return new String(bytes.length >= limit ? trimPartialCharacter(bytes) : bytes, UTF_8);
  }

  /** Drops a trailing incomplete UTF-8 sequence left by the cut. */
  static byte[] trimPartialCharacter(byte[] bytes) {
    int end = bytes.length;
    int i = end - 1;
    int continuation = 0;
    while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
      i--;
      continuation++;
    }
    if (i < 0) {
      return bytes;
    }
    int lead = bytes[i] & 0xff;
    int expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return expected > continuation + 1 ? Arrays.copyOf(bytes, i) : bytes;
  }
}
