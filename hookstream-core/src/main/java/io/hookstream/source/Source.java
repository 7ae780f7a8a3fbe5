package io.hookstream.source;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where webhooks come in, as the Java API returns it: verification (secret masked), IP rules, dedup
 * and schema settings. Immutable; the sealed secret and the deletion mark stay behind the service.
 *
 * @param template The source template it was made from ({@code github}, {@code stripe}, ...), or
 *     null.
 * @param verification Signature verification, its secret masked; null when none.
 * @param dedup Duplicate detection, or null.
 * @param schema JSON Schema validation, or null.
 * @param version The revision: 1 at creation, one more for every stored change.
 */
public record Source(
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
    Instant updatedAt) {

  public Source {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    ipAllowlist = ipAllowlist == null ? List.of() : List.copyOf(ipAllowlist);
    ipDenylist = ipDenylist == null ? List.of() : List.copyOf(ipDenylist);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .orgId(orgId)
        .envId(envId)
        .name(name)
        .slug(slug)
        .description(description)
        .template(template)
        .verification(verification)
        .ipAllowlist(ipAllowlist)
        .ipDenylist(ipDenylist)
        .dedup(dedup)
        .schema(schema)
        .version(version)
        .createdAt(createdAt)
        .updatedAt(updatedAt);
  }

  /** The organization and environment the source belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }

  /**
   * Signature verification: the scheme, the secret (masked in every read; {@link
   * SourceService#revealVerificationSecret} returns it), and the scheme's optional settings.
   */
  public record Verification(
      String type,
      String secret,
      String header,
      String encoding,
      String prefix,
      String timestampHeader,
      Integer toleranceSeconds) {}

  /** Duplicate detection: the strategy, the field it reads, and the window. */
  public record Dedup(String strategy, String field, int windowSeconds) {}

  /** JSON Schema validation: the schema as JSON text and the action on failure. */
  public record Schema(boolean enabled, String jsonSchema, String action) {}

  /** Collects the values; {@link #build()} requires the ids. */
  public static final class Builder {
    private String id;
    private String orgId;
    private String envId;
    private String name;
    private String slug;
    private String description;
    private String template;
    private Verification verification;
    private List<String> ipAllowlist;
    private List<String> ipDenylist;
    private Dedup dedup;
    private Schema schema;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder orgId(String orgId) {
      this.orgId = orgId;
      return this;
    }

    public Builder envId(String envId) {
      this.envId = envId;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder slug(String slug) {
      this.slug = slug;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder template(String template) {
      this.template = template;
      return this;
    }

    public Builder verification(Verification verification) {
      this.verification = verification;
      return this;
    }

    public Builder ipAllowlist(List<String> ipAllowlist) {
      this.ipAllowlist = ipAllowlist;
      return this;
    }

    public Builder ipDenylist(List<String> ipDenylist) {
      this.ipDenylist = ipDenylist;
      return this;
    }

    public Builder dedup(Dedup dedup) {
      this.dedup = dedup;
      return this;
    }

    public Builder schema(Schema schema) {
      this.schema = schema;
      return this;
    }

    public Builder version(long version) {
      this.version = version;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * @throws NullPointerException naming the missing required value
     */
    public Source build() {
      return new Source(
          id,
          orgId,
          envId,
          name,
          slug,
          description,
          template,
          verification,
          ipAllowlist,
          ipDenylist,
          dedup,
          schema,
          version,
          createdAt,
          updatedAt);
    }
  }
}
