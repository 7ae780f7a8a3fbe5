package io.hookstream.servlet.internal;

import java.util.List;

/**
 * The one place that says which paths {@link io.hookstream.servlet.ServletOptions#publicTools()}
 * switches off: the developer tools ({@code /v1/tools/...}) and the test sessions ({@code
 * /v1/test/...}), whatever routes they have.
 */
final class PublicTools {

  private PublicTools() {}

  /**
   * Whether {@code path} (segments below the mapping) is under {@code /v1/tools} or {@code
   * /v1/test}.
   */
  static boolean covers(List<String> path) {
    return path.size() >= 2
        && path.get(0).equals("v1")
        && (path.get(1).equals("tools") || path.get(1).equals("test"));
  }
}
