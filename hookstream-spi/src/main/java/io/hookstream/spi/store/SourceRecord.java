package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;

/**
 * A webhook ingestion endpoint and its ingest settings. {@code verification}, {@code dedup} and
 * {@code schema} are null when the feature is off. {@code version} increases with every update, so
 * compiled artefacts (schemas, verifiers) can be cached per version. A deleted source keeps its row
 * ({@code deletedAt} set) so its events stay readable.
 */
public record SourceRecord(
    String id,
    String orgId,
    String envId,
    String name,
    String slug,
    String description,
    String template,
    Verification verification,
    List<String> ipAllowlist,
    List<String> ipDenylist,
    Dedup dedup,
    Schema schema,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt) {

  public SourceRecord {
    ipAllowlist = ipAllowlist == null ? List.of() : List.copyOf(ipAllowlist);
    ipDenylist = ipDenylist == null ? List.of() : List.copyOf(ipDenylist);
  }

  public Scope scope() {
    return new Scope(orgId, envId);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /**
   * Signature verification: the scheme ({@code hmac_sha256}, {@code hmac_sha1}, {@code
   * standard_webhooks}, or a provider scheme set by a template), the secret, and optional overrides
   * of the scheme's header, encoding ({@code hex}/{@code base64}), signature prefix, timestamp
   * header and replay tolerance. Null overrides mean the scheme's default.
   */
  public record Verification(
      String type,
      String secret,
      String header,
      String encoding,
      String prefix,
      String timestampHeader,
      Integer toleranceSeconds) {}

  /** Deduplication: strategy ({@code payload_hash}, {@code header_field}, {@code body_field}). */
  public record Dedup(String strategy, String field, int windowSeconds) {}

  /**
   * JSON Schema validation: the schema as JSON text and the action on failure ({@code reject} or
   * {@code warn}).
   */
  public record Schema(boolean enabled, String jsonSchema, String action) {}
}
