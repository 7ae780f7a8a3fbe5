/** io.hookstream.micrometer: the engine's meters as a Micrometer MeterBinder. */
module io.hookstream.micrometer {
  requires transitive io.hookstream.core;
  requires transitive micrometer.core;
  requires org.slf4j;

  exports io.hookstream.micrometer;
}
