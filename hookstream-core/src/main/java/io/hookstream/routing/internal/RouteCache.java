package io.hookstream.routing.internal;

import io.hookstream.internal.ExpiringCache;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The compiled routes of each source, so that routing an event does not read connections or compile
 * expressions. Entries are dropped when this engine changes a connection, and expire after {@code
 * ttl} so that changes made through another engine sharing the store are seen too (an {@link
 * ExpiringCache}). Thread-safe.
 */
public final class RouteCache {

  /** A connection with its compiled route and ordering key. */
  public record Route(
      ConnectionRecord connection, CompiledRoute compiled, OrderingKeyPath orderingKey) {}

  private final Store store;
  private final Function<ConnectionRecord, CompiledRoute> compiler;
  private final ExpiringCache<String, List<Route>> bySource;

  public RouteCache(
      Store store, Clock clock, Duration ttl, Function<ConnectionRecord, CompiledRoute> compiler) {
    this.store = store;
    this.compiler = compiler;
    this.bySource = new ExpiringCache<>(clock, ttl, ExpiringCache.DEFAULT_MAX_ENTRIES);
  }

  /** The enabled routes of a source. */
  public List<Route> routes(Scope scope, String sourceId) {
    return bySource.get(sourceId, id -> Optional.of(load(scope, id))).orElseThrow();
  }

  public void invalidate(String sourceId) {
    bySource.invalidate(sourceId);
  }

  private List<Route> load(Scope scope, String sourceId) {
    return store.connections().listForSource(scope, sourceId).stream()
        .filter(ConnectionRecord::enabled)
        .map(c -> new Route(c, compiler.apply(c), OrderingKeyPath.of(c.orderingKey())))
        .toList();
  }
}
