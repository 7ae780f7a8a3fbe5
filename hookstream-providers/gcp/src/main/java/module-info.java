/** io.hookstream.providers.gcp: exports the API packages; the internal ones stay closed. */
module io.hookstream.providers.gcp {
  requires transitive io.hookstream.spi;
  requires java.net.http;
  requires org.slf4j;

  exports io.hookstream.providers.gcp;
}
