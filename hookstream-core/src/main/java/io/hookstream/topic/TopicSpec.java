package io.hookstream.topic;

/**
 * What a caller asks a topic to be: the fields of {@code POST /v1/topics}. A missing slug is made
 * from the name. Null means "not set".
 */
public record TopicSpec(String name, String slug, String description) {

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String name;
    private String slug;
    private String description;

    Builder() {}

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

    public TopicSpec build() {
      return new TopicSpec(name, slug, description);
    }
  }
}
