package io.hookstream.servlet;

/** The alert rules and notification channels API on embedded Tomcat. */
class TomcatAlertsApiTest extends AlertsApiContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
