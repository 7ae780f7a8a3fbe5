package io.hookstream.source.internal;

import io.hookstream.source.Source;
import io.hookstream.spi.store.SourceRecord;

/**
 * Converts the store's source record into the Java API's {@link Source}; the caller masks the
 * secret first (or keeps it, for the service's own update path). Stateless.
 */
public final class Sources {

  private Sources() {}

  public static Source toApi(SourceRecord s) {
    SourceRecord.Verification v = s.verification();
    SourceRecord.Dedup d = s.dedup();
    SourceRecord.Schema schema = s.schema();
    return Source.builder()
        .id(s.id())
        .orgId(s.orgId())
        .envId(s.envId())
        .name(s.name())
        .slug(s.slug())
        .description(s.description())
        .template(s.template())
        .verification(
            v == null
                ? null
                : new Source.Verification(
                    v.type(),
                    v.secret(),
                    v.header(),
                    v.encoding(),
                    v.prefix(),
                    v.timestampHeader(),
                    v.toleranceSeconds()))
        .ipAllowlist(s.ipAllowlist())
        .ipDenylist(s.ipDenylist())
        .dedup(d == null ? null : new Source.Dedup(d.strategy(), d.field(), d.windowSeconds()))
        .schema(
            schema == null
                ? null
                : new Source.Schema(schema.enabled(), schema.jsonSchema(), schema.action()))
        .version(s.version())
        .createdAt(s.createdAt())
        .updatedAt(s.updatedAt())
        .build();
  }
}
