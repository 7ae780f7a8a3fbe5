package io.hookstream.testsession.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Test session ids: 32 lower-case hex digits from a secure random source. The id is the only
 * credential of an unauthenticated session, so unlike other ids it carries no time and no prefix
 * (the ingest URL is {@code /v1/ingest/<id>}, as the hosted service's). Thread-safe.
 */
public final class SessionIds {

  private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{32}$");
  private final SecureRandom random = new SecureRandom();

  public String next() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code id} has the shape of a session id; also accepts the {@code ts_} prefix. */
  public static boolean looksLike(String id) {
    return id != null && SHAPE.matcher(strip(id)).matches();
  }

  /** {@code id} without a {@code ts_} prefix. */
  public static String strip(String id) {
    return id.startsWith("ts_") ? id.substring(3) : id;
  }
}
