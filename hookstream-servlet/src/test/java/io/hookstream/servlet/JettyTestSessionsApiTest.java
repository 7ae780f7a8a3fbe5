package io.hookstream.servlet;

/** The test sessions API on embedded Jetty 12. */
class JettyTestSessionsApiTest extends TestSessionsApiContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
