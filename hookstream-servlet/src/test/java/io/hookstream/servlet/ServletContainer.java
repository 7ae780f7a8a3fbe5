package io.hookstream.servlet;

import io.hookstream.Hookstream;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;

/**
 * A real servlet container started on a loopback ephemeral port: the main engine's servlet is
 * installed through {@link HookstreamServlet#register} from a ServletContainerInitializer, as a
 * host would; extra servlets are added under their own mappings.
 */
interface ServletContainer extends AutoCloseable {

  /** Starts the container; returns its base URL, such as {@code http://127.0.0.1:41234}. */
  URI start(Hookstream engine, ServletOptions options, String extraMapping, HttpServlet extra)
      throws Exception;

  @Override
  void close() throws Exception;
}
