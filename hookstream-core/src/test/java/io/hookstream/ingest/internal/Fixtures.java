package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.internal.Ids;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.SourceRecord;
import java.time.Instant;
import java.util.List;

/** Sources, contexts and a terminal chain for driving ingest steps directly. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  static SourceRecord source(
      String id,
      long version,
      List<String> allow,
      List<String> deny,
      SourceRecord.Dedup dedup,
      SourceRecord.Schema schema) {
    return new SourceRecord(
        id, "org_1", "env_1", "Test", "test", null, null, null, allow, deny, dedup, schema, version,
        T0, T0, null);
  }

  static SourceRecord withIps(List<String> allow, List<String> deny) {
    return source("src_ip", 1, allow, deny, null, null);
  }

  static SourceRecord withDedup(SourceRecord.Dedup dedup) {
    return source("src_dedup", 1, null, null, dedup, null);
  }

  static SourceRecord withSchema(String id, long version, SourceRecord.Schema schema) {
    return source(id, version, null, null, null, schema);
  }

  /** A context whose event id comes from {@code clock}, as the engine assigns it. */
  static IngestContext context(SourceRecord source, IngestRequest request, Clock clock) {
    return new IngestContext(source, request, clock, new Ids(clock).next("evt"));
  }

  static IngestContext context(SourceRecord source, IngestRequest request) {
    return context(source, request, new ManualClock());
  }

  /** A chain end that "persists": answers as the persist step does. */
  static IngestStep.Chain persisted() {
    return ctx ->
        new IngestResult(
            ctx.duplicate() ? ctx.duplicateOf() : ctx.eventId(),
            ctx.source().id(),
            ctx.duplicate());
  }
}
