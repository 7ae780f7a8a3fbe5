package io.hookstream.servlet;

/** The metrics API on embedded Tomcat 10.1. */
class TomcatMetricsApiTest extends MetricsApiContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
