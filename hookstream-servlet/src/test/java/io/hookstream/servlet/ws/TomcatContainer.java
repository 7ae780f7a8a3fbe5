package io.hookstream.servlet.ws;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.server.ServerContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 10.1: {@link WsSci} creates the WebSocket container, then a second initializer
 * reads it from the {@code jakarta.websocket.server.ServerContainer} context attribute.
 */
final class TomcatContainer implements WsContainer {

  /** Held so the level sticks (JUL keeps loggers weakly); Tomcat's startup chatter is noise. */
  private static final java.util.logging.Logger TOMCAT_LOG = quiet();

  private Tomcat tomcat;

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("org.apache");
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  @Override
  public int start(Setup setup) throws Exception {
    TOMCAT_LOG.fine("starting embedded Tomcat");
    Path base = Files.createTempDirectory("hookstream-tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer(
        (classes, servletContext) -> {
          try {
            setup.run(
                servletContext,
                (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName()));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        null);
    Tomcat.addServlet(
        context,
        "none",
        new HttpServlet() {
          private static final long serialVersionUID = 1L;
        });
    context.addServletMappingDecoded("/", "none");
    tomcat.start();
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
