/** io.hookstream.providers.rabbitmq: exports the API packages; the internal ones stay closed. */
module io.hookstream.providers.rabbitmq {
  requires transitive io.hookstream.spi;
  requires com.rabbitmq.client;
  requires java.net.http;
  requires org.slf4j;

  exports io.hookstream.providers.rabbitmq;
}
