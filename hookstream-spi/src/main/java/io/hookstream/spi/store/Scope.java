package io.hookstream.spi.store;

import java.util.Objects;

/** An organization and one of its environments: every stored resource belongs to exactly one. */
public record Scope(String orgId, String envId) {
  public Scope {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(envId, "envId");
  }
}
