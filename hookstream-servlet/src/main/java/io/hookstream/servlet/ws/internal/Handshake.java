package io.hookstream.servlet.ws.internal;

import io.hookstream.spi.Authenticator;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.Principal;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the upgrade request (API key in {@code token}, else the host's authenticators
 * on the request headers, such as a session cookie) and creates one endpoint instance per
 * connection. The outcome travels to {@code onOpen} in the per-connection config's user
 * properties: the Jakarta API cannot answer an upgrade with 401, so the endpoint closes an
 * unauthenticated connection at once with 1008.
 */
final class Handshake extends ServerEndpointConfig.Configurator {

  static final String PRINCIPAL = "io.hookstream.ws.principal";
  static final String AUTH_ERROR = "io.hookstream.ws.authError";

  private static final Logger log = LoggerFactory.getLogger(Handshake.class);

  private final WsRuntime runtime;
  private final Supplier<? extends jakarta.websocket.Endpoint> endpoints;
  private final boolean authenticate;

  Handshake(WsRuntime runtime, Supplier<? extends jakarta.websocket.Endpoint> endpoints,
      boolean authenticate) {
    this.runtime = runtime;
    this.endpoints = endpoints;
    this.authenticate = authenticate;
  }

  @Override
  public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
      HandshakeResponse response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    ClientAddressFilter addresses = runtime.addressFilter();
    List<String> nonce = headers.get("sec-websocket-key");
    if (addresses != null && nonce != null && !nonce.isEmpty()) {
      String address = addresses.take(nonce.get(0));
      if (address != null) {
        sec.getUserProperties().put(ClientAddresses.PROPERTY, address);
      }
    }
    if (!authenticate) {
      return;
    }
    List<String> tokens = request.getParameterMap().get("token");
    String token = tokens == null || tokens.isEmpty() || tokens.get(0).isBlank() ? null
        : tokens.get(0);
    try {
      Optional<Principal> p = runtime.hookstream()
          .authenticate(new Authenticator.Credentials(token, headers));
      if (p.isPresent()) {
        sec.getUserProperties().put(PRINCIPAL, p.get());
      } else {
        sec.getUserProperties().put(AUTH_ERROR, token == null
            ? "unauthorized: pass an API key as ?token= or sign in"
            : "unauthorized: invalid or revoked API key");
      }
    } catch (HookstreamException e) {
      log.warn("authenticating a WebSocket upgrade failed", e);
      sec.getUserProperties().put(AUTH_ERROR, "authentication unavailable: " + e.getMessage());
    }
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(endpoints.get());
  }

  static Principal principal(EndpointConfig config) {
    return (Principal) config.getUserProperties().get(PRINCIPAL);
  }

  static String authError(EndpointConfig config) {
    Object e = config.getUserProperties().get(AUTH_ERROR);
    return e == null ? "unauthorized" : e.toString();
  }
}
