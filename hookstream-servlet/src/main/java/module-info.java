/** io.hookstream.servlet: exports the API packages; the internal ones stay closed. */
module io.hookstream.servlet {
  requires transitive io.hookstream.core;
  requires transitive jakarta.servlet;
  requires transitive jakarta.websocket;
  requires org.slf4j;

  exports io.hookstream.servlet;
  exports io.hookstream.servlet.ws;
}
