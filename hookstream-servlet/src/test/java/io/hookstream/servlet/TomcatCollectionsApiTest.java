package io.hookstream.servlet;

/** The collections API on Tomcat. */
class TomcatCollectionsApiTest extends CollectionsApiContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
