package io.hookstream.servlet.ws.internal;

import io.hookstream.Hookstream;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a WebSocket upgrade: the API key in {@code token}, else the host's authenticators
 * on the request headers (a session cookie, for example). Stateless.
 */
final class UpgradeAuth {

  /** The principal, or why there is none (a message starting with "unauthorized"). */
  record Outcome(Principal principal, String error) {}

  private static final Logger log = LoggerFactory.getLogger(UpgradeAuth.class);

  private UpgradeAuth() {}

  /** {@code headers} have lower-case names; {@code tokens} is the token parameter's values. */
  static Outcome authenticate(
      Hookstream hs, List<String> tokens, Map<String, List<String>> headers) {
    String token =
        tokens == null || tokens.isEmpty() || tokens.get(0).isBlank() ? null : tokens.get(0);
    try {
      Optional<Principal> p = hs.authenticate(new Authenticator.Credentials(token, headers));
      if (p.isPresent()) {
        return new Outcome(p.get(), null);
      }
      return new Outcome(
          null,
          token == null
              ? "unauthorized: pass an API key as ?token= or sign in"
              : "unauthorized: invalid or revoked API key");
    } catch (HookstreamException e) {
      log.warn("authenticating a WebSocket upgrade failed", e);
      return new Outcome(null, "unauthorized: authentication unavailable");
    }
  }
}
