/** io.hookstream.tck: exports the API packages; the internal ones stay closed. */
module io.hookstream.tck {
  requires transitive io.hookstream.spi;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;
  requires jdk.httpserver;

  exports io.hookstream.tck;
}
