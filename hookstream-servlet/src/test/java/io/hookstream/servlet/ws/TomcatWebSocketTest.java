package io.hookstream.servlet.ws;

/** The WebSocket suite on embedded Tomcat 10.1. */
class TomcatWebSocketTest extends WebSocketSuite {
  @Override
  WsContainer container() {
    return new TomcatContainer();
  }
}
