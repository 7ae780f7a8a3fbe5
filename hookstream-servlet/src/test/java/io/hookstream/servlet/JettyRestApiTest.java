package io.hookstream.servlet;

/** The REST contract on embedded Jetty 12. */
class JettyRestApiTest extends RestApiContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
