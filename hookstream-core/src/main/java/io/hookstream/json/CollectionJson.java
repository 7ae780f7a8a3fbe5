package io.hookstream.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.collection.Backfill;
import io.hookstream.collection.Collection;
import io.hookstream.collection.CollectionStats;
import io.hookstream.collection.DataRecord;
import io.hookstream.collection.InferredSchema;
import io.hookstream.collection.RecordChange;
import io.hookstream.internal.Json;

/**
 * The wire format of collections, their records, changes, stats, schema and backfill, shared by the
 * {@code /v1/collections} API and the {@code collections:<id>} stream. Stateless.
 */
public final class CollectionJson {

  private CollectionJson() {}

  public static ObjectNode collection(Collection c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", c.id());
    o.put("name", c.name());
    o.put("slug", c.slug());
    o.put("source_id", c.sourceId());
    o.put("primary_key_path", c.primaryKeyPath());
    o.put("event_time_path", c.eventTimePath());
    o.put("record_count", c.recordCount());
    ResourceJson.instant(o, "created_at", c.createdAt());
    ResourceJson.instant(o, "updated_at", c.updatedAt());
    return o;
  }

  /** A record; {@code primary_key} and {@code record_key} both name its key, as the pages do. */
  public static ObjectNode record(DataRecord r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", r.id());
    o.put("collection_id", r.collectionId());
    o.put("primary_key", r.key());
    o.put("record_key", r.key());
    o.set("data", Json.parse(r.dataJson()));
    o.put("event_id", r.eventId());
    ResourceJson.instant(o, "source_event_at", r.sourceEventAt());
    ResourceJson.instant(o, "synced_at", r.syncedAt());
    return o;
  }

  public static ObjectNode change(RecordChange c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", c.id());
    o.put("collection_id", c.collectionId());
    o.put("record_key", c.key());
    o.put("event_id", c.eventId());
    ResourceJson.instant(o, "source_event_at", c.sourceEventAt());
    o.set("data", Json.parse(c.dataJson()));
    ResourceJson.instant(o, "created_at", c.createdAt());
    return o;
  }

  public static ObjectNode stats(CollectionStats s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("record_count", s.recordCount());
    o.put("size_bytes", s.dataBytes());
    o.put("changelog_entries", s.changelogEntries());
    ResourceJson.instant(o, "last_sync_at", s.lastSyncAt());
    o.put("skipped_missing_key", s.skippedMissingKey());
    return o;
  }

  public static ObjectNode schema(InferredSchema s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode fields = o.putArray("fields");
    for (InferredSchema.Field f : s.fields()) {
      ObjectNode field = fields.addObject();
      field.put("name", f.name());
      field.put("type", f.type());
      field.put("nullable", f.nullable());
    }
    o.put("sample_count", s.sampleCount());
    return o;
  }

  public static ObjectNode backfill(Backfill b) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("collection_id", b.collectionId());
    o.put("status", b.status());
    o.put("total", b.total());
    o.put("progress", b.processed());
    o.put("applied", b.applied());
    o.put("skipped", b.skipped());
    ResourceJson.instant(o, "started_at", b.startedAt());
    ResourceJson.instant(o, "completed_at", b.completedAt());
    o.put("error", b.error());
    return o;
  }
}
