package io.hookstream.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to create a channel with, or, for an update, what to change (unset values stay as they are).
 * A config sent back with its masked {@code secret} keeps the stored secret. Immutable.
 */
public record NotificationChannelSpec(String name, String type, Map<String, Object> config) {

  public NotificationChannelSpec {
    config =
        config == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the values; nothing is checked until the service reads them. */
  public static final class Builder {
    private String name;
    private String type;
    private Map<String, Object> config;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** {@code webhook}, {@code slack}, {@code discord} or {@code email}. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder config(Map<String, Object> config) {
      this.config = config;
      return this;
    }

    public NotificationChannelSpec build() {
      return new NotificationChannelSpec(name, type, config);
    }
  }
}
