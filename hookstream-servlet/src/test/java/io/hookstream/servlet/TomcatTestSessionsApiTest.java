package io.hookstream.servlet;

/** The test sessions API on embedded Tomcat 10.1. */
class TomcatTestSessionsApiTest extends TestSessionsApiContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
