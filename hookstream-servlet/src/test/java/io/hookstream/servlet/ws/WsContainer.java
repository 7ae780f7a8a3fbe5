package io.hookstream.servlet.ws;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

/** An embedded servlet container with Jakarta WebSocket, started on a free loopback port. */
interface WsContainer extends AutoCloseable {

  /** What the web application does at startup with its context and WebSocket container. */
  @FunctionalInterface
  interface Setup {
    void run(ServletContext context, ServerContainer container) throws Exception;
  }

  /** Starts the container, running {@code setup} during startup; returns the port. */
  int start(Setup setup) throws Exception;

  @Override
  void close() throws Exception;
}
