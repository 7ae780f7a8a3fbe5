package io.hookstream.servlet;

/** The tools API on embedded Jetty 12. */
class JettyToolsApiTest extends ToolsApiContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
