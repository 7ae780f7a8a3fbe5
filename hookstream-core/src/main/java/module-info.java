/** io.hookstream.core: exports the API packages; the internal ones stay closed. */
module io.hookstream.core {
  requires transitive io.hookstream.spi;
  requires transitive com.fasterxml.jackson.databind;
  requires com.dashjoin.jsonata;
  requires com.networknt.schema;
  requires java.management;
  requires java.net.http;
  requires org.slf4j;
  requires HdrHistogram;

  exports io.hookstream;
  exports io.hookstream.alert;
  exports io.hookstream.auth;
  exports io.hookstream.collection;
  exports io.hookstream.connection;
  exports io.hookstream.delivery;
  exports io.hookstream.destination;
  exports io.hookstream.event;
  exports io.hookstream.ingest;
  exports io.hookstream.issue;
  exports io.hookstream.json;
  exports io.hookstream.observe;
  exports io.hookstream.metrics;
  exports io.hookstream.page;
  exports io.hookstream.replay;
  exports io.hookstream.routing;
  exports io.hookstream.secret;
  exports io.hookstream.source;
  exports io.hookstream.stream;
  exports io.hookstream.testsession;
  exports io.hookstream.tools;
  exports io.hookstream.topic;
  exports io.hookstream.verify;
}
