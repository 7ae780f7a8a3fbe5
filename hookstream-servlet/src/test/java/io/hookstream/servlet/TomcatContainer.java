package io.hookstream.servlet;

import io.hookstream.Hookstream;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 10.1. */
final class TomcatContainer implements ServletContainer {

  private Tomcat tomcat;

  @Override
  public URI start(
      Hookstream engine, ServletOptions options, String extraMapping, HttpServlet extra)
      throws Exception {
    Path base = Files.createTempDirectory("hookstream-tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    context.addServletContainerInitializer(
        (classes, ctx) -> HookstreamServlet.register(ctx, engine, options), null);
    Tomcat.addServlet(context, "extra", extra);
    context.addServletMappingDecoded(extraMapping, "extra");
    tomcat.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @Override
  public void close() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
