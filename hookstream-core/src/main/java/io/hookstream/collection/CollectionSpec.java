package io.hookstream.collection;

/**
 * What a caller asks a collection to be: the fields of {@code POST /v1/collections}. A missing slug
 * is made from the name; a missing {@code eventTimePath} means "newest by receipt time". Null means
 * "not set".
 */
public record CollectionSpec(
    String name, String slug, String sourceId, String primaryKeyPath, String eventTimePath) {

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String name;
    private String slug;
    private String sourceId;
    private String primaryKeyPath;
    private String eventTimePath;

    Builder() {}

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder slug(String v) {
      slug = v;
      return this;
    }

    public Builder sourceId(String v) {
      sourceId = v;
      return this;
    }

    public Builder primaryKeyPath(String v) {
      primaryKeyPath = v;
      return this;
    }

    public Builder eventTimePath(String v) {
      eventTimePath = v;
      return this;
    }

    public CollectionSpec build() {
      return new CollectionSpec(name, slug, sourceId, primaryKeyPath, eventTimePath);
    }
  }
}
