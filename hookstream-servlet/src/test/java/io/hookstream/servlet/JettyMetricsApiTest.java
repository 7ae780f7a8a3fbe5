package io.hookstream.servlet;

/** The metrics API on embedded Jetty 12. */
class JettyMetricsApiTest extends MetricsApiContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
