package io.hookstream.servlet.ws.internal;

import io.hookstream.Hookstream;
import io.hookstream.json.HookstreamJson;
import io.hookstream.servlet.internal.ClientAddress;
import io.hookstream.spi.Principal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs before the container's WebSocket upgrade: answers an upgrade to an authenticated endpoint
 * without valid credentials with {@code 401} and a JSON error, and records each accepted upgrade's
 * client address and principal under its {@code Sec-WebSocket-Key} (a random per-handshake nonce)
 * for {@link Handshake}, because the Jakarta WebSocket API exposes neither. Keeps at most {@link
 * #CAPACITY} pending entries. Thread-safe.
 */
public final class UpgradeFilter implements Filter {

  /** What the filter learned about one upgrade. */
  record Upgrade(String address, Principal principal) {}

  static final int CAPACITY = 10_000;

  private final Hookstream hookstream;
  private final String testPrefix;
  private final Map<String, Upgrade> pending =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Upgrade> eldest) {
          return size() > CAPACITY;
        }
      };

  UpgradeFilter(Hookstream hookstream, String prefix) {
    this.hookstream = hookstream;
    this.testPrefix = prefix + "/ws/test/";
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse httpResponse) {
      String key = http.getHeader("Sec-WebSocket-Key");
      if (key != null) {
        Principal principal = null;
        String path = http.getRequestURI().substring(http.getContextPath().length());
        if (!path.startsWith(testPrefix)) {
          String[] tokens = http.getParameterValues("token");
          UpgradeAuth.Outcome auth =
              UpgradeAuth.authenticate(
                  hookstream, tokens == null ? null : Arrays.asList(tokens), headers(http));
          if (auth.principal() == null) {
            refuse(httpResponse, auth.error());
            return;
          }
          principal = auth.principal();
        }
        synchronized (pending) {
          pending.put(key, new Upgrade(ClientAddress.of(hookstream, http), principal));
        }
      }
    }
    chain.doFilter(request, response);
  }

  /** What was recorded for {@code key}, removed on read; null if none. */
  Upgrade take(String key) {
    if (key == null) {
      return null;
    }
    synchronized (pending) {
      return pending.remove(key);
    }
  }

  private static Map<String, List<String>> headers(HttpServletRequest http) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(http.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), Collections.list(http.getHeaders(name)));
    }
    return headers;
  }

  private static void refuse(HttpServletResponse response, String error) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    byte[] body =
        HookstreamJson.write(Map.of("error", error, "status", 401))
            .getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
