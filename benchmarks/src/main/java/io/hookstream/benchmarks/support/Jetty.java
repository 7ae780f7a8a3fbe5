package io.hookstream.benchmarks.support;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10) for the harnesses: one loopback connector on a free port. */
public final class Jetty {

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final ServletContextHandler context = new ServletContextHandler();

  public Jetty() {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(4096); // thousands of clients connect at once
    server.addConnector(connector);
    context.setContextPath("/");
    server.setHandler(context);
  }

  /** The root context, to add servlets and WebSocket endpoints to before {@link #start}. */
  public ServletContextHandler context() {
    return context;
  }

  /** Starts the server and returns its port. */
  public int start() throws Exception {
    server.start();
    return connector.getLocalPort();
  }

  public void stop() throws Exception {
    server.stop();
  }
}
