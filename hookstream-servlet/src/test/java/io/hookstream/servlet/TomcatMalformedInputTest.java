package io.hookstream.servlet;

/** The malformed-input corpus on embedded Tomcat 10.1. */
class TomcatMalformedInputTest extends MalformedInputContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
