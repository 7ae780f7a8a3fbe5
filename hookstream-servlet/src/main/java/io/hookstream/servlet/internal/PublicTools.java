package io.hookstream.servlet.internal;

import io.hookstream.testsession.TestSessionService;
import java.util.List;

/**
 * The one place that says which paths {@link io.hookstream.servlet.ServletOptions#publicTools()}
 * switches off: the developer tools ({@code /v1/tools/...}), the test sessions ({@code
 * /v1/test/...}, {@code /v1/agent/...}) and their ingest URLs, whatever routes they have.
 */
final class PublicTools {

  private PublicTools() {}

  /**
   * Whether {@code path} (segments below the mapping) is under {@code /v1/tools}, {@code /v1/test}
   * or {@code /v1/agent}, or is a test session's ingest URL.
   */
  static boolean covers(List<String> path) {
    if (path.size() < 2 || !path.get(0).equals("v1")) {
      return false;
    }
    return switch (path.get(1)) {
      case "tools", "test", "agent" -> true;
      case "ingest" -> path.size() >= 3 && TestSessionService.isSessionId(path.get(2));
      default -> false;
    };
  }
}
