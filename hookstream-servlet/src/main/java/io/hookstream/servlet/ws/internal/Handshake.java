package io.hookstream.servlet.ws.internal;

import io.hookstream.spi.Principal;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Authenticates the upgrade request (or takes what the {@link UpgradeFilter} found) and creates one
 * endpoint instance per connection. The outcome travels to {@code onOpen} in the per-connection
 * config's user properties. Without the filter an unauthenticated upgrade succeeds (the Jakarta API
 * cannot answer it with 401) and the endpoint closes it at once with 1008.
 */
final class Handshake extends ServerEndpointConfig.Configurator {

  static final String PRINCIPAL = "io.hookstream.ws.principal";
  static final String AUTH_ERROR = "io.hookstream.ws.authError";
  static final String CLIENT_ADDRESS = "io.hookstream.ws.clientAddress";

  private final WsRuntime runtime;
  private final Supplier<? extends jakarta.websocket.Endpoint> endpoints;
  private final boolean authenticate;

  Handshake(
      WsRuntime runtime,
      Supplier<? extends jakarta.websocket.Endpoint> endpoints,
      boolean authenticate) {
    this.runtime = runtime;
    this.endpoints = endpoints;
    this.authenticate = authenticate;
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    List<String> nonce = headers.get("sec-websocket-key");
    UpgradeFilter.Upgrade seen =
        runtime.upgradeFilter().take(nonce == null || nonce.isEmpty() ? null : nonce.get(0));
    if (seen != null && seen.address() != null) {
      sec.getUserProperties().put(CLIENT_ADDRESS, seen.address());
    }
    if (!authenticate) {
      return;
    }
    if (seen != null && seen.principal() != null) {
      sec.getUserProperties().put(PRINCIPAL, seen.principal()); // the filter checked already
      return;
    }
    UpgradeAuth.Outcome auth =
        UpgradeAuth.authenticate(
            runtime.hookstream(), request.getParameterMap().get("token"), headers);
    if (auth.principal() != null) {
      sec.getUserProperties().put(PRINCIPAL, auth.principal());
    } else {
      sec.getUserProperties().put(AUTH_ERROR, auth.error());
    }
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(endpoints.get());
  }

  static Principal principal(EndpointConfig config) {
    return (Principal) config.getUserProperties().get(PRINCIPAL);
  }

  /** The client address the {@link UpgradeFilter} saw, or null when it was not installed. */
  static String clientAddress(EndpointConfig config) {
    Object a = config.getUserProperties().get(CLIENT_ADDRESS);
    return a == null ? null : a.toString();
  }

  static String authError(EndpointConfig config) {
    Object e = config.getUserProperties().get(AUTH_ERROR);
    return e == null ? "unauthorized" : e.toString();
  }
}
