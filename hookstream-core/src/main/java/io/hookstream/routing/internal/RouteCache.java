package io.hookstream.routing.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The compiled routes of each source, so that routing an event does not read connections or
 * compile expressions. Entries are dropped when this engine changes a connection, and expire
 * after {@code ttl} so that changes made through another engine sharing the store are seen too.
 * Thread-safe.
 */
public final class RouteCache {

  /** A connection with its compiled route. */
  public record Route(ConnectionRecord connection, CompiledRoute compiled) {}

  private record Entry(List<Route> routes, Instant loadedAt) {}

  private final Store store;
  private final Clock clock;
  private final Duration ttl;
  private final Function<ConnectionRecord, CompiledRoute> compiler;
  private final Map<String, Entry> bySource = new ConcurrentHashMap<>();

  public RouteCache(Store store, Clock clock, Duration ttl,
      Function<ConnectionRecord, CompiledRoute> compiler) {
    this.store = store;
    this.clock = clock;
    this.ttl = ttl;
    this.compiler = compiler;
  }

  /** The enabled routes of a source. */
  public List<Route> routes(Scope scope, String sourceId) {
    Instant now = clock.now();
    Entry entry = bySource.get(sourceId);
    if (entry == null || entry.loadedAt().plus(ttl).isBefore(now)) {
      List<Route> routes = store.connections().listForSource(scope, sourceId).stream()
          .filter(ConnectionRecord::enabled)
          .map(c -> new Route(c, compiler.apply(c)))
          .toList();
      entry = new Entry(routes, now);
      bySource.put(sourceId, entry);
    }
    return entry.routes();
  }

  public void invalidate(String sourceId) {
    bySource.remove(sourceId);
  }
}
