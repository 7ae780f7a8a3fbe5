package io.hookstream.source;

import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where webhooks come in, as the Java API returns it: verification (secret masked), IP rules,
 * dedup and schema settings. Immutable; the sealed secret and the deletion mark stay behind the
 * service.
 */
public final class Source {

  private final String id;
  private final String orgId;
  private final String envId;
  private final String name;
  private final String slug;
  private final String description;
  private final String template;
  private final Verification verification;
  private final List<String> ipAllowlist;
  private final List<String> ipDenylist;
  private final Dedup dedup;
  private final Schema schema;
  private final long version;
  private final Instant createdAt;
  private final Instant updatedAt;

  private Source(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.orgId = Objects.requireNonNull(b.orgId, "orgId");
    this.envId = Objects.requireNonNull(b.envId, "envId");
    this.name = b.name;
    this.slug = b.slug;
    this.description = b.description;
    this.template = b.template;
    this.verification = b.verification;
    this.ipAllowlist = b.ipAllowlist == null ? List.of() : List.copyOf(b.ipAllowlist);
    this.ipDenylist = b.ipDenylist == null ? List.of() : List.copyOf(b.ipDenylist);
    this.dedup = b.dedup;
    this.schema = b.schema;
    this.version = b.version;
    this.createdAt = b.createdAt;
    this.updatedAt = b.updatedAt;
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

  public String id() {
    return id;
  }

  public String orgId() {
    return orgId;
  }

  public String envId() {
    return envId;
  }

  public String name() {
    return name;
  }

  public String slug() {
    return slug;
  }

  public String description() {
    return description;
  }

  /** The source template it was made from ({@code github}, {@code stripe}, ...), or null. */
  public String template() {
    return template;
  }

  /** Signature verification, its secret masked; null when none. */
  public Verification verification() {
    return verification;
  }

  public List<String> ipAllowlist() {
    return ipAllowlist;
  }

  public List<String> ipDenylist() {
    return ipDenylist;
  }

  /** Duplicate detection, or null. */
  public Dedup dedup() {
    return dedup;
  }

  /** JSON Schema validation, or null. */
  public Schema schema() {
    return schema;
  }

  /** The revision: 1 at creation, one more for every stored change. */
  public long version() {
    return version;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The organization and environment the source belongs to. */
  public Scope scope() {
    return new Scope(orgId, envId);
  }


  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Source other)) {
      return false;
    }
    return Objects.equals(id, other.id)
        && Objects.equals(orgId, other.orgId)
        && Objects.equals(envId, other.envId)
        && Objects.equals(name, other.name)
        && Objects.equals(slug, other.slug)
        && Objects.equals(description, other.description)
        && Objects.equals(template, other.template)
        && Objects.equals(verification, other.verification)
        && Objects.equals(ipAllowlist, other.ipAllowlist)
        && Objects.equals(ipDenylist, other.ipDenylist)
        && Objects.equals(dedup, other.dedup)
        && Objects.equals(schema, other.schema)
        && version == other.version
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(updatedAt, other.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, orgId, envId, name, slug, description, template, verification,
        ipAllowlist, ipDenylist, dedup, schema, version, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return "Source[id=" + id + "]";
  }

  /**
   * Signature verification: the scheme, the secret (masked in every read; {@link
   * SourceService#revealVerificationSecret} returns it), and the scheme's optional settings.
   */
  public record Verification(String type, String secret, String header, String encoding,
      String prefix, String timestampHeader, Integer toleranceSeconds) {}

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

    /** @throws NullPointerException naming the missing required value */
    public Source build() {
      return new Source(this);
    }
  }
}
