package io.hookstream.servlet.internal;

import io.hookstream.Hookstream;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/**
 * The client address of a servlet request as the engine resolves it (its trusted proxies), so that
 * the per-address rate limit, the IP lists and the stored {@code source_ip} agree. Stateless.
 */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(Hookstream engine, HttpServletRequest request) {
    return engine.clientIp(
        request.getRemoteAddr(),
        name -> {
          var values = request.getHeaders(name);
          return values == null ? List.of() : Collections.list(values);
        });
  }
}
