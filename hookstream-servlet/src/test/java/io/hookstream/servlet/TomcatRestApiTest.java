package io.hookstream.servlet;

/** The REST contract on embedded Tomcat 10.1. */
class TomcatRestApiTest extends RestApiContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
