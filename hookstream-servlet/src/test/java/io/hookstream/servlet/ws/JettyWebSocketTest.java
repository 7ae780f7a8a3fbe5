package io.hookstream.servlet.ws;

/** The WebSocket suite on embedded Jetty 12 (ee10). */
class JettyWebSocketTest extends WebSocketSuite {
  @Override
  WsContainer container() {
    return new JettyContainer();
  }
}
