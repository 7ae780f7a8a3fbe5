/** io.hookstream.opentelemetry: a client span per delivery attempt, with W3C trace context. */
module io.hookstream.opentelemetry {
  requires transitive io.hookstream.core;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports io.hookstream.opentelemetry;
}
