package io.hookstream.spi.store;

/**
 * Across all tenants, the delivery work not yet settled: {@code pending} tasks (waiting or leased
 * by a node that is delivering them) and, of those, the {@code due} ones that wait for a worker
 * (next attempt at or before now, no live lease).
 */
public record TaskBacklog(long pending, long due) {

  public TaskBacklog {
    if (pending < 0 || due < 0 || due > pending) {
      throw new IllegalArgumentException("bad backlog: " + pending + " pending, " + due + " due");
    }
  }
}
