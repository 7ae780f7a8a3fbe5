/** io.hookstream.client: exports the API packages; the internal ones stay closed. */
module io.hookstream.client {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.net.http;
  requires org.slf4j;

  exports io.hookstream.client;
}
