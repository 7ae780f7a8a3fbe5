package io.hookstream.source.internal;

import io.hookstream.ingest.DedupSettings;
import io.hookstream.ingest.IpRules;
import io.hookstream.ingest.SchemaSettings;
import io.hookstream.internal.Validation;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.verify.SignatureVerifiers;
import io.hookstream.verify.SourceTemplate;
import io.hookstream.verify.SourceTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a {@link SourceSpec} into a {@link SourceRecord}, applying defaults and collecting every
 * invalid field into one 422. Stateless.
 */
public final class SourceChecks {

  public SourceRecord toRecord(
      SourceSpec spec, String id, Scope scope, long version, Instant createdAt, Instant now) {
    Validation v = new Validation();
    String slug = v.nameSlugAndDescription(spec.name(), spec.slug(), spec.description());
    SourceRecord.Verification verification = verification(spec, v);
    SourceRecord.Dedup dedup = dedup(spec, v);
    SourceRecord.Schema schema = schema(spec, v);
    List<String> allow = ipList(spec.ipAllowlist(), "ip_allowlist", v);
    List<String> deny = ipList(spec.ipDenylist(), "ip_denylist", v);
    v.throwIfInvalid();
    String template = spec.template() == null ? null : spec.template().toLowerCase(Locale.ROOT);
    return new SourceRecord(
        id,
        scope.orgId(),
        scope.envId(),
        spec.name().strip(),
        slug,
        spec.description(),
        template,
        verification,
        allow,
        deny,
        dedup,
        schema,
        version,
        createdAt,
        now,
        null);
  }

  /**
   * The verification settings: a template's pre-filled settings, overridden field by field by what
   * the caller set, then checked by the scheme's own validation.
   */
  private static SourceRecord.Verification verification(SourceSpec spec, Validation v) {
    SourceRecord.Verification base = null;
    if (spec.template() != null) {
      Optional<SourceTemplate> template = SourceTemplates.find(spec.template());
      if (template.isEmpty()) {
        v.error(
            "template",
            "unknown template '" + spec.template() + "'; GET /v1/sources/templates lists them");
        return null;
      }
      base =
          template
              .get()
              .verification(spec.verificationSecret(), spec.verificationHeader())
              .orElse(null);
    }
    String type = first(spec.verificationType(), base == null ? null : base.type());
    if (type == null) {
      if (spec.verificationSecret() != null && spec.template() == null) {
        v.error(SignatureVerifiers.FIELD_TYPE, "is required when verification_secret is set");
      }
      return null;
    }
    SourceRecord.Verification verification =
        new SourceRecord.Verification(
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

  private static SourceRecord.Dedup dedup(SourceSpec spec, Validation v) {
    List<FieldError> errors =
        DedupSettings.validate(spec.dedupStrategy(), spec.dedupField(), spec.dedupWindowSeconds());
    v.addAll(errors);
    return errors.isEmpty()
        ? DedupSettings.toRecord(spec.dedupStrategy(), spec.dedupField(), spec.dedupWindowSeconds())
        : null;
  }

  private static SourceRecord.Schema schema(SourceSpec spec, Validation v) {
    List<FieldError> errors =
        SchemaSettings.validate(
            spec.schemaValidationEnabled(), spec.jsonSchema(), spec.schemaAction());
    v.addAll(errors);
    return errors.isEmpty()
        ? SchemaSettings.toRecord(
            spec.schemaValidationEnabled(), spec.jsonSchema(), spec.schemaAction())
        : null;
  }

  private static List<String> ipList(List<String> entries, String field, Validation v) {
    List<String> normalized = entries == null ? List.of() : IpRules.normalize(entries);
    v.addAll(IpRules.validate(normalized, field));
    return normalized;
  }
}
