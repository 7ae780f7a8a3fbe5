package io.hookstream.servlet;

import io.hookstream.Hookstream;
import io.hookstream.servlet.internal.Api;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * The {@code /v1} REST API and the public ingest endpoint ({@code /v1/ingest/:source_id}) as one
 * servlet. It parses, authenticates, calls the engine's services and renders; every rule lives in
 * the engine. Mount it with {@link #register} or add an instance to the container yourself with the
 * same mapping as {@link ServletOptions#mapping()}.
 *
 * <p>WebSocket endpoints are not served here: a container routes WebSocket upgrades to its
 * endpoints (registered on the same {@link ServletContext}) before servlets see them.
 *
 * <p>Thread-safe. Bad input is answered with a 4xx JSON error naming the problem; only an
 * unexpected failure is a 500, logged with its stack trace and the request id.
 */
public final class HookstreamServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The servlet name {@link #register} uses. */
  public static final String NAME = "hookstream";

  private final transient Api api;

  public HookstreamServlet(Hookstream engine) {
    this(engine, ServletOptions.defaults());
  }

  public HookstreamServlet(Hookstream engine, ServletOptions options) {
    this.api =
        new Api(
            Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Adds a servlet for {@code engine} to {@code context} under {@link ServletOptions#mapping()},
   * loaded on startup. Call it while the context is being initialized (for example from a {@code
   * ServletContainerInitializer} or {@code ServletContextListener}).
   *
   * @return the registration, for further container settings
   */
  public static ServletRegistration.Dynamic register(
      ServletContext context, Hookstream engine, ServletOptions options) {
    ServletRegistration.Dynamic registration =
        context.addServlet(NAME, new HookstreamServlet(engine, options));
    if (registration == null) {
      throw new IllegalStateException("a servlet named '" + NAME + "' is already registered");
    }
    registration.addMapping(options.mapping());
    registration.setLoadOnStartup(1);
    return registration;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    api.handle(request, response);
  }
}
