package io.hookstream.source;

import java.util.List;

/**
 * What a caller asks a source to be: the fields of {@code POST /v1/sources}. Null means "not set"
 * (the default applies). Build with {@link #builder()}; to update, start from {@link #from(Source)}
 * and change what you need.
 *
 * <p>{@code template} pre-fills the verification settings of a known provider, so a source needs
 * only the template id and the {@code verificationSecret}.
 */
public record SourceSpec(
    String name,
    String slug,
    String description,
    String template,
    String verificationType,
    String verificationSecret,
    String verificationHeader,
    String verificationEncoding,
    String verificationPrefix,
    String timestampHeader,
    Integer toleranceSeconds,
    List<String> ipAllowlist,
    List<String> ipDenylist,
    String dedupStrategy,
    String dedupField,
    Integer dedupWindowSeconds,
    Boolean schemaValidationEnabled,
    String jsonSchema,
    String schemaAction) {

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding the current settings of {@code source}. */
  public static Builder from(Source source) {
    Builder b =
        new Builder()
            .name(source.name())
            .slug(source.slug())
            .description(source.description())
            .template(source.template())
            .ipAllowlist(source.ipAllowlist())
            .ipDenylist(source.ipDenylist());
    var v = source.verification();
    if (v != null) {
      b.verificationType(v.type())
          .verificationSecret(v.secret())
          .verificationHeader(v.header())
          .verificationEncoding(v.encoding())
          .verificationPrefix(v.prefix())
          .timestampHeader(v.timestampHeader())
          .toleranceSeconds(v.toleranceSeconds());
    }
    var d = source.dedup();
    if (d != null) {
      b.dedupStrategy(d.strategy()).dedupField(d.field()).dedupWindowSeconds(d.windowSeconds());
    }
    var s = source.schema();
    if (s != null) {
      b.schemaValidationEnabled(s.enabled()).jsonSchema(s.jsonSchema()).schemaAction(s.action());
    }
    return b;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String name;
    private String slug;
    private String description;
    private String template;
    private String verificationType;
    private String verificationSecret;
    private String verificationHeader;
    private String verificationEncoding;
    private String verificationPrefix;
    private String timestampHeader;
    private Integer toleranceSeconds;
    private List<String> ipAllowlist;
    private List<String> ipDenylist;
    private String dedupStrategy;
    private String dedupField;
    private Integer dedupWindowSeconds;
    private Boolean schemaValidationEnabled;
    private String jsonSchema;
    private String schemaAction;

    private Builder() {}

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder slug(String v) {
      slug = v;
      return this;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder template(String v) {
      template = v;
      return this;
    }

    public Builder verificationType(String v) {
      verificationType = v;
      return this;
    }

    public Builder verificationSecret(String v) {
      verificationSecret = v;
      return this;
    }

    public Builder verificationHeader(String v) {
      verificationHeader = v;
      return this;
    }

    public Builder verificationEncoding(String v) {
      verificationEncoding = v;
      return this;
    }

    public Builder verificationPrefix(String v) {
      verificationPrefix = v;
      return this;
    }

    public Builder timestampHeader(String v) {
      timestampHeader = v;
      return this;
    }

    public Builder toleranceSeconds(Integer v) {
      toleranceSeconds = v;
      return this;
    }

    public Builder ipAllowlist(List<String> v) {
      ipAllowlist = v;
      return this;
    }

    public Builder ipDenylist(List<String> v) {
      ipDenylist = v;
      return this;
    }

    public Builder dedupStrategy(String v) {
      dedupStrategy = v;
      return this;
    }

    public Builder dedupField(String v) {
      dedupField = v;
      return this;
    }

    public Builder dedupWindowSeconds(Integer v) {
      dedupWindowSeconds = v;
      return this;
    }

    public Builder schemaValidationEnabled(Boolean v) {
      schemaValidationEnabled = v;
      return this;
    }

    /** The JSON Schema as JSON text. */
    public Builder jsonSchema(String v) {
      jsonSchema = v;
      return this;
    }

    public Builder schemaAction(String v) {
      schemaAction = v;
      return this;
    }

    /** Switches verification off. */
    public Builder noVerification() {
      template = null;
      verificationType = null;
      verificationSecret = null;
      verificationHeader = null;
      verificationEncoding = null;
      verificationPrefix = null;
      timestampHeader = null;
      toleranceSeconds = null;
      return this;
    }

    public SourceSpec build() {
      return new SourceSpec(
          name,
          slug,
          description,
          template,
          verificationType,
          verificationSecret,
          verificationHeader,
          verificationEncoding,
          verificationPrefix,
          timestampHeader,
          toleranceSeconds,
          ipAllowlist,
          ipDenylist,
          dedupStrategy,
          dedupField,
          dedupWindowSeconds,
          schemaValidationEnabled,
          jsonSchema,
          schemaAction);
    }
  }
}
