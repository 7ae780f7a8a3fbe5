package io.hookstream.event;

import io.hookstream.internal.Json;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Store;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention purge: deletes, environment by environment, the events received more than the
 * environment's {@code retentionDays} ago with their delivery tasks, attempts and body blobs, in
 * batches of {@code batchSize}; then deletes expired key-value entries. With archiving on, each
 * batch is first written to the {@link BlobStore} as NDJSON (one event per line, the body as text
 * or {@code body_base64}) under {@code archive/<org>/<env>/<yyyy-mm-dd>/<first-event-id> .ndjson},
 * by UTC date of receipt; the events are deleted only once their archive is written.
 *
 * <p>Thread-safe; {@link #runOnce()} may run on several nodes at once (a store never hands the same
 * event to two purges). A failure stops the run and propagates; what was purged stays purged and
 * the next run continues.
 */
public final class RetentionJob {

  /** Events deleted per store call. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final Store store;
  private final BlobStore blobs;
  private final KeyValueStore kv;
  private final Clock clock;
  private final boolean archive;
  private final int batchSize;

  /** What one run did. */
  public record Result(int eventsPurged, int eventsArchived, int blobsDeleted, int kvPurged) {}

  public RetentionJob(
      Store store, BlobStore blobs, KeyValueStore kv, Clock clock, boolean archive, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    this.store = store;
    this.blobs = blobs;
    this.kv = kv;
    this.clock = clock;
    this.archive = archive;
    this.batchSize = batchSize;
  }

  /** Purges everything past retention at the clock's current time. */
  public Result runOnce() {
    Instant now = clock.now();
    int purged = 0;
    int archived = 0;
    int blobsDeleted = 0;
    for (Organization org : store.organizations().list()) {
      for (Environment env : store.organizations().listEnvironments(org.id())) {
        Instant cutoff = now.minus(Duration.ofDays(env.retentionDays()));
        int[] written = new int[1];
        Consumer<List<EventRecord>> beforeDelete =
            archive ? batch -> written[0] += writeArchive(env, batch) : batch -> {};
        List<EventRecord> batch;
        do {
          batch = store.events().purgeBefore(env.scope(), cutoff, batchSize, beforeDelete);
          purged += batch.size();
          blobsDeleted += deleteBodies(batch);
        } while (batch.size() == batchSize);
        archived += written[0];
      }
    }
    int kvPurged = 0;
    int n;
    do {
      n = kv.purgeExpired(batchSize);
      kvPurged += n;
    } while (n == batchSize);
    if (purged > 0 || kvPurged > 0) {
      log.info(
          "retention purged {} events ({} archived, {} body blobs) and {} key-value entries",
          purged,
          archived,
          blobsDeleted,
          kvPurged);
    }
    return new Result(purged, archived, blobsDeleted, kvPurged);
  }

  /** The archive key of the events of {@code env} received on {@code day} starting with id. */
  public static String archiveKey(Environment env, LocalDate day, String firstEventId) {
    return "archive/" + env.orgId() + "/" + env.id() + "/" + day + "/" + firstEventId + ".ndjson";
  }

  private int writeArchive(Environment env, List<EventRecord> batch) {
    Map<LocalDate, List<EventRecord>> byDay = new TreeMap<>();
    for (EventRecord e : batch) {
      byDay
          .computeIfAbsent(
              LocalDate.ofInstant(e.receivedAt(), ZoneOffset.UTC), d -> new ArrayList<>())
          .add(e);
    }
    byDay.forEach(
        (day, events) -> {
          StringBuilder ndjson = new StringBuilder();
          for (EventRecord e : events) {
            ndjson.append(Json.write(line(e))).append('\n');
          }
          // Named by the first event, so a retried batch overwrites its own file.
          blobs.put(
              archiveKey(env, day, events.get(0).id()),
              ndjson.toString().getBytes(StandardCharsets.UTF_8));
        });
    return batch.size();
  }

  private Map<String, Object> line(EventRecord e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("org_id", e.orgId());
    m.put("env_id", e.envId());
    m.put("source_id", e.sourceId());
    m.put("method", e.method());
    m.put("path", e.path());
    m.put("headers", e.headers());
    m.put("query", e.query());
    m.put("content_type", e.contentType());
    m.put("source_ip", e.sourceIp());
    m.put("status", e.status().wireName());
    m.put("dedup_status", e.dedupStatus());
    m.put("verification_status", e.verificationStatus());
    m.put("received_at", e.receivedAt().toString());
    byte[] body =
        e.body() != null
            ? e.body()
            : e.bodyBlobKey() != null ? blobs.get(e.bodyBlobKey()).orElse(null) : null;
    String text = body == null ? null : utf8(body);
    if (body != null && text == null) {
      m.put("body_base64", Base64.getEncoder().encodeToString(body));
    } else {
      m.put("body", text);
    }
    return m;
  }

  private int deleteBodies(List<EventRecord> purged) {
    int deleted = 0;
    for (EventRecord e : purged) {
      if (e.bodyBlobKey() != null && blobs.delete(e.bodyBlobKey())) {
        deleted++;
      }
    }
    return deleted;
  }

  /** The bytes as text when they are valid UTF-8, else null. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
