package io.hookstream.source.internal;

import io.hookstream.internal.Validation;
import io.hookstream.source.SourceSpec;
import io.hookstream.verify.SignatureVerifiers;
import io.hookstream.verify.SourceTemplate;
import io.hookstream.verify.SourceTemplates;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    String template = spec.template() == null ? null
        : spec.template().toLowerCase(Locale.ROOT);
    return new SourceRecord(id, scope.orgId(), scope.envId(), spec.name().strip(), slug,
        spec.description(), template, verification, allow, deny, dedup, schema, version,
        createdAt, now, null);
  }

  /**
   * The verification settings: a template's pre-filled settings, overridden field by field by
   * what the caller set, then checked by the scheme's own validation.
   */
  private SourceRecord.Verification verification(SourceSpec spec, Validation v) {
    SourceRecord.Verification base = null;
    if (spec.template() != null) {
      Optional<SourceTemplate> template = SourceTemplates.find(spec.template());
      if (template.isEmpty()) {
        v.error("template", "unknown template '" + spec.template()
            + "'; GET /v1/sources/templates lists them");
        return null;
      }
      base = template.get().verification(spec.verificationSecret(), spec.verificationHeader())
          .orElse(null);
    }
    String type = first(spec.verificationType(), base == null ? null : base.type());
    if (type == null) {
      if (spec.verificationSecret() != null && spec.template() == null) {
        v.error(SignatureVerifiers.FIELD_TYPE, "is required when verification_secret is set");
      }
      return null;
    }
    SourceRecord.Verification verification = new SourceRecord.Verification(
        SignatureVerifiers.canonicalType(type).orElse(type),
        spec.verificationSecret(),
        first(spec.verificationHeader(), base == null ? null : base.header()),
        first(spec.verificationEncoding(), base == null ? null : base.encoding()),
        first(spec.verificationPrefix(), base == null ? null : base.prefix()),
        first(spec.timestampHeader(), base == null ? null : base.timestampHeader()),
        first(spec.toleranceSeconds(), base == null ? null : base.toleranceSeconds()));
    v.addAll(SignatureVerifiers.validate(verification));
    return verification;
  }

  private static <T> T first(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
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
