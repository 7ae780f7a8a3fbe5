package io.hookstream.spi.store;

/** One destination's attempts in a time window, across tenants. */
public record DestinationWindowStats(
    String orgId, String envId, String destinationId, WindowStats stats) {

  public Scope scope() {
    return new Scope(orgId, envId);
  }
}
