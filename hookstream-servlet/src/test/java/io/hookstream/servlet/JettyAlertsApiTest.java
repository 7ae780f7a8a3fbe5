package io.hookstream.servlet;

/** The alert rules and notification channels API on embedded Jetty. */
class JettyAlertsApiTest extends AlertsApiContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
