package io.hookstream.source.internal;

import io.hookstream.internal.Validation;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@link SourceSpec} into a {@link SourceRecord}, applying defaults and collecting every
 * invalid field into one 422. Stateless.
 */
public final class SourceChecks {

  static final Set<String> DEDUP_STRATEGIES = Set.of("payload_hash", "header_field", "body_field");
  static final Set<String> SCHEMA_ACTIONS = Set.of("reject", "warn");
  public static final int DEFAULT_DEDUP_WINDOW_SECONDS = 300;

  public SourceRecord toRecord(SourceSpec spec, String id, Scope scope, long version,
      Instant createdAt, Instant now) {
    Validation v = new Validation();
    String slug = spec.slug() != null ? spec.slug()
        : spec.name() == null ? null : Validation.slugOf(spec.name());
    v.requireText("name", spec.name(), 200).checkSlug("slug", slug)
        .checkLength("description", spec.description(), 2000);
    SourceRecord.Verification verification = verification(spec, v);
    SourceRecord.Dedup dedup = dedup(spec, v);
    SourceRecord.Schema schema = schema(spec, v);
    List<String> allow = ipList(spec.ipAllowlist());
    List<String> deny = ipList(spec.ipDenylist());
    v.throwIfInvalid();
    return new SourceRecord(id, scope.orgId(), scope.envId(), spec.name().strip(), slug,
        spec.description(), spec.template(), verification, allow, deny, dedup, schema, version,
        createdAt, now, null);
  }

  private SourceRecord.Verification verification(SourceSpec spec, Validation v) {
    if (spec.verificationType() == null) {
      return null;
    }
    String type = spec.verificationType().toLowerCase(Locale.ROOT).replace('-', '_');
    if (spec.verificationSecret() == null || spec.verificationSecret().isBlank()) {
      v.error("verification_secret", "is required when verification_type is set");
    }
    return new SourceRecord.Verification(type, spec.verificationSecret(),
        spec.verificationHeader(), spec.verificationEncoding(), spec.verificationPrefix(),
        spec.timestampHeader(), spec.toleranceSeconds());
  }

  private SourceRecord.Dedup dedup(SourceSpec spec, Validation v) {
    if (spec.dedupStrategy() == null) {
      return null;
    }
    String strategy = spec.dedupStrategy().toLowerCase(Locale.ROOT);
    if (!DEDUP_STRATEGIES.contains(strategy)) {
      v.error("dedup_strategy", "must be one of payload_hash, header_field, body_field");
    }
    int window = spec.dedupWindowSeconds() == null ? DEFAULT_DEDUP_WINDOW_SECONDS
        : spec.dedupWindowSeconds();
    v.checkRange("dedup_window_seconds", window, 1, 2_592_000);
    if (!"payload_hash".equals(strategy) && (spec.dedupField() == null
        || spec.dedupField().isBlank())) {
      v.error("dedup_field", "is required for dedup_strategy " + strategy);
    }
    return new SourceRecord.Dedup(strategy, spec.dedupField(), window);
  }

  private SourceRecord.Schema schema(SourceSpec spec, Validation v) {
    boolean enabled = Boolean.TRUE.equals(spec.schemaValidationEnabled());
    if (!enabled && spec.jsonSchema() == null) {
      return null;
    }
    String action = spec.schemaAction() == null ? "reject"
        : spec.schemaAction().toLowerCase(Locale.ROOT);
    if (!SCHEMA_ACTIONS.contains(action)) {
      v.error("schema_action", "must be reject or warn");
    }
    if (enabled && spec.jsonSchema() == null) {
      v.error("json_schema", "is required when schema_validation_enabled is true");
    }
    return new SourceRecord.Schema(enabled, spec.jsonSchema(), action);
  }

  private static List<String> ipList(List<String> entries) {
    if (entries == null) {
      return List.of();
    }
    return entries.stream().flatMap(e -> java.util.Arrays.stream(e.split(",")))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
