package io.hookstream.servlet;

/** The topics API on embedded Jetty 12. */
class JettyTopicsApiTest extends TopicsApiContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
