/** io.hookstream.store.memory: exports the API packages; the internal ones stay closed. */
module io.hookstream.store.memory {
  requires transitive io.hookstream.spi;

  exports io.hookstream.store.file;
  exports io.hookstream.store.memory;
}
