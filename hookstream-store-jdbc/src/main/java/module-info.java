/** io.hookstream.store.jdbc: exports the API packages; the internal ones stay closed. */
module io.hookstream.store.jdbc {
  requires transitive io.hookstream.spi;
  requires transitive java.sql;
  requires static org.postgresql.jdbc;
  requires org.slf4j;

  exports io.hookstream.store.jdbc;
}
