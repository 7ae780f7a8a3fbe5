package io.hookstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Hashing;
import io.hookstream.internal.Json;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.SourceRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * What the pipeline knows about one request while it runs: the source, the request, the instant it
 * arrived, the client IP after trusted-proxy resolution, and what earlier steps decided
 * (verification and dedup outcome). The JSON body is parsed at most once, on first use. Used by one
 * thread at a time.
 */
public final class IngestContext {

  private final SourceRecord source;
  private final IngestRequest request;
  private final Instant receivedAt;
  private final Clock clock;
  private final String eventId;
  private String clientIp;
  private JsonNode json;
  private boolean jsonParsed;
  private String bodySha256;
  private String verificationStatus = "unverified";
  private String dedupStatus;
  private String duplicateOf;

  /** A context for one request; {@code eventId} is the id the event will be stored under. */
  public IngestContext(SourceRecord source, IngestRequest request, Clock clock, String eventId) {
    this.source = Objects.requireNonNull(source, "source");
    this.request = Objects.requireNonNull(request, "request");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.receivedAt = clock.now();
    this.clientIp = request.clientIp();
  }

  public SourceRecord source() {
    return source;
  }

  public IngestRequest request() {
    return request;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The id the event will be stored under, known before persist so that dedup can record it as the
   * original of later duplicates.
   */
  public String eventId() {
    return eventId;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  /** The client IP the filters and the stored event use. */
  public String clientIp() {
    return clientIp;
  }

  /** Set by the step that resolves forwarded headers from trusted proxies. */
  public void clientIp(String ip) {
    this.clientIp = ip;
  }

  /** The body parsed as JSON, or null if it is empty or not JSON. Parsed once. */
  public JsonNode json() {
    if (!jsonParsed) {
      json = Json.parseOrNull(request.body());
      jsonParsed = true;
    }
    return json;
  }

  /** SHA-256 of the raw body, lower-case hex; computed once, for dedup and the stored event. */
  public String bodySha256() {
    if (bodySha256 == null) {
      bodySha256 = Hashing.sha256Hex(request.body());
    }
    return bodySha256;
  }

  public String verificationStatus() {
    return verificationStatus;
  }

  /** {@code verified}, {@code unverified} or {@code schema_invalid}. */
  public void verificationStatus(String status) {
    this.verificationStatus = status;
  }

  public String dedupStatus() {
    return dedupStatus;
  }

  public String duplicateOf() {
    return duplicateOf;
  }

  /** Marks the request unique (first of its key) within the dedup window. */
  public void markUnique() {
    this.dedupStatus = "unique";
    this.duplicateOf = null;
  }

  /** Marks the request a duplicate of {@code originalEventId}. */
  public void markDuplicate(String originalEventId) {
    this.dedupStatus = "duplicate";
    this.duplicateOf = originalEventId;
  }

  public boolean duplicate() {
    return "duplicate".equals(dedupStatus);
  }
}
