package io.hookstream.servlet.ws;

import io.hookstream.Hookstream;
import io.hookstream.servlet.ws.internal.WsRuntime;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Registers hookstream's three WebSocket endpoints with a Jakarta WebSocket container: {@code
 * <prefix>/ws}, {@code <prefix>/ws/test/{session_id}} and {@code <prefix>/ws/source/{source_id}}.
 * Call it while the web application starts (a {@code ServletContainerInitializer}, a {@code
 * ServletContextListener}, or Jetty's {@code JakartaWebSocketServletContainerInitializer
 * .configure(context, (servletContext, container) -> ...)}); on Tomcat the container is the servlet
 * context attribute {@code jakarta.websocket.server.ServerContainer}.
 *
 * <p>The returned handle owns one heartbeat thread and a small pool for closes; {@link #close()}
 * stops them and closes every connection with 1001. Thread-safe.
 */
public final class HookstreamWebSockets implements AutoCloseable {

  /** The default path prefix: the endpoints live under {@code /v1/ws}. */
  public static final String DEFAULT_PREFIX = "/v1";

  private final WsRuntime runtime;

  private HookstreamWebSockets(WsRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Registers the endpoints and a filter in front of the upgrade that answers bad credentials with
   * 401 and records client addresses for inbound ingestion (the WebSocket API exposes neither).
   * {@code prefix} is "" or starts with "/".
   *
   * @throws IllegalStateException if the container refuses an endpoint (for example after the
   *     application has started)
   */
  public static HookstreamWebSockets install(
      ServletContext context,
      ServerContainer container,
      Hookstream hookstream,
      String prefix,
      WebSocketOptions options) {
    HookstreamWebSockets ws = install(container, hookstream, prefix, options);
    FilterRegistration.Dynamic f =
        context.addFilter(
            "hookstream-ws-upgrade-" + hookstream.instanceId(), ws.runtime.upgradeFilter());
    if (f != null) {
      f.addMappingForUrlPatterns(
          EnumSet.of(DispatcherType.REQUEST), false, prefix + "/ws", prefix + "/ws/*");
    }
    return ws;
  }

  /**
   * Registers the endpoints only: an upgrade without valid credentials is then accepted and closed
   * at once with 1008, and inbound events carry no client address. {@code prefix} is "" or starts
   * with "/".
   *
   * @throws IllegalStateException if the container refuses an endpoint
   */
  public static HookstreamWebSockets install(
      ServerContainer container, Hookstream hookstream, String prefix, WebSocketOptions options) {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(hookstream, "hookstream");
    Objects.requireNonNull(options, "options");
    if (prefix == null || !(prefix.isEmpty() || prefix.startsWith("/")) || prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "prefix must be \"\" or start with / and not end with" + " /: " + prefix);
    }
    WsRuntime runtime = new WsRuntime(hookstream, options, prefix);
    try {
      for (ServerEndpointConfig config : runtime.endpointConfigs(prefix)) {
        container.addEndpoint(config);
      }
    } catch (DeploymentException e) {
      runtime.close();
      throw new IllegalStateException("the WebSocket container refused an endpoint", e);
    }
    return new HookstreamWebSockets(runtime);
  }

  /** Open WebSocket connections on the three endpoints. */
  public int openConnections() {
    return runtime.openConnections();
  }

  /**
   * Closes every open connection with 1012 (service restart) and {@code reason}; clients reconnect.
   * The endpoints stay installed.
   */
  public void disconnectAll(String reason) {
    runtime.disconnectAll(1012, reason);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
