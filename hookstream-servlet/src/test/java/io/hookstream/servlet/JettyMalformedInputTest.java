package io.hookstream.servlet;

/** The malformed-input corpus on embedded Jetty 12. */
class JettyMalformedInputTest extends MalformedInputContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
