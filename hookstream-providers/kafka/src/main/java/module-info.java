/** io.hookstream.providers.kafka: exports the API packages; the internal ones stay closed. */
module io.hookstream.providers.kafka {
  requires transitive io.hookstream.spi;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires kafka.clients;
  requires org.slf4j;

  exports io.hookstream.providers.kafka;
}
