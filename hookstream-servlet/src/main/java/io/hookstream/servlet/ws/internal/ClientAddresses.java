package io.hookstream.servlet.ws.internal;

import jakarta.websocket.EndpointConfig;

/**
 * The client address of an upgrade request. The Jakarta WebSocket API does not expose it, so
 * {@link ClientAddressFilter} records it before the upgrade and {@link Handshake} moves it into
 * the connection's config; null when the filter was not installed.
 */
final class ClientAddresses {

  static final String PROPERTY = "io.hookstream.ws.clientAddress";

  private ClientAddresses() {}

  static String of(EndpointConfig config) {
    Object a = config.getUserProperties().get(PROPERTY);
    return a == null ? null : a.toString();
  }
}
