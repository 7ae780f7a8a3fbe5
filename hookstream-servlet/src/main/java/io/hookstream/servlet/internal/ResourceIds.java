package io.hookstream.servlet.internal;

import io.hookstream.spi.HookstreamException;
import java.util.regex.Pattern;

/**
 * Resource ids in paths and bodies: {@code <prefix>_} + 32 lower-case hex. Anything else cannot
 * name a stored resource, so it is answered at once (404 in a path, 422 in a body) without reaching
 * the store with arbitrary text. Stateless.
 */
final class ResourceIds {

  private static final Pattern ID = Pattern.compile("^[a-z]{2,5}_[0-9a-f]{32}$");

  private ResourceIds() {}

  static boolean looksLike(String prefix, String id) {
    return id != null && id.startsWith(prefix + "_") && ID.matcher(id).matches();
  }

  /** {@code id} if it has the shape of a {@code prefix} id, else a 404 for {@code what}. */
  static String require(String what, String prefix, String id) {
    if (!looksLike(prefix, id)) {
      throw HookstreamException.notFound(what, abbreviate(id));
    }
    return id;
  }

  static String abbreviate(String id) {
    if (id == null) {
      return "null";
    }
    return id.length() > 80 ? id.substring(0, 80) + "..." : id;
  }
}
