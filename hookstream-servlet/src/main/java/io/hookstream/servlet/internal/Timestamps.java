package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** ISO-8601 UTC timestamps with millisecond precision, or JSON null. Stateless. */
final class Timestamps {

  private Timestamps() {}

  static void put(ObjectNode node, String field, Instant at) {
    if (at == null) {
      node.putNull(field);
    } else {
      node.put(field, at.truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }
}
