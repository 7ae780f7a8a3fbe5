/** io.hookstream.testkit: exports the API packages; the internal ones stay closed. */
module io.hookstream.testkit {
  requires transitive io.hookstream.core;
  requires transitive io.hookstream.tck;
  requires io.hookstream.store.memory;
  requires io.hookstream.providers.http;
  requires jdk.httpserver;

  exports io.hookstream.testkit;
}
