package io.hookstream.spi;

import java.util.Objects;

/**
 * Who a request acts as: an organization and one of its environments, plus how it proved it. {@code
 * subject} is the API key id or the host's session user id.
 */
public record Principal(String orgId, String envId, Kind kind, String subject) {

  /** How the principal was authenticated. */
  public enum Kind {
    API_KEY,
    SESSION
  }

  public Principal {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }
}
