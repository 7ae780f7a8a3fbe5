package io.hookstream.servlet;

/** The tools API on embedded Tomcat 10.1. */
class TomcatToolsApiTest extends ToolsApiContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
