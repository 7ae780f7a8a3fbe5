package io.hookstream.servlet;

/** The collections API on Jetty. */
class JettyCollectionsApiTest extends CollectionsApiContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
