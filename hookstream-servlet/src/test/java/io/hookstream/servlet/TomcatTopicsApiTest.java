package io.hookstream.servlet;

/** The topics API on embedded Tomcat 10.1. */
class TomcatTopicsApiTest extends TopicsApiContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
