/** io.hookstream.spi: exports the API packages; the internal ones stay closed. */
module io.hookstream.spi {
  requires org.slf4j;
  requires transitive java.sql;

  exports io.hookstream.spi;
  exports io.hookstream.spi.provider;
  exports io.hookstream.spi.store;
}
