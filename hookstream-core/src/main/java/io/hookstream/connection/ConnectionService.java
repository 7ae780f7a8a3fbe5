package io.hookstream.connection;

import io.hookstream.connection.internal.ConnectionChecks;
import io.hookstream.connection.internal.Connections;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Pages;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.routing.TransformEngine;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Connections: routes from a source to a destination with optional filters and a transform. Every
 * change is reported to {@code onChange} so the router's cache drops the source's entry.
 * Thread-safe.
 */
public final class ConnectionService {

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final ConnectionChecks checks;
  private final Consumer<ConnectionRecord> onChange;

  /** {@code transforms} compiles the JSONata transforms that writes are checked with. */
  public ConnectionService(
      Store store, Clock clock, TransformEngine transforms, Consumer<ConnectionRecord> onChange) {
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
    this.checks = new ConnectionChecks(store, transforms);
    this.onChange = onChange;
  }

  public Connection create(Scope scope, ConnectionSpec spec) {
    var now = clock.now();
    ConnectionRecord c = checks.toRecord(spec, ids.next("conn"), scope, 1, now, now);
    store.connections().insert(c);
    onChange.accept(c);
    return Connections.toApi(c);
  }

  public Optional<Connection> get(Scope scope, String id) {
    return store.connections().find(scope, id).map(Connections::toApi);
  }

  public Connection require(Scope scope, String id) {
    return Connections.toApi(stored(scope, id));
  }

  /** Connections newest first; {@code sourceId}/{@code destinationId} filter when not null. */
  public Page<Connection> list(
      Scope scope, String sourceId, String destinationId, PageRequest page) {
    return Pages.fromStore(
        store.connections().list(scope, sourceId, destinationId, Pages.toStore(page)),
        Connections::toApi);
  }

  public Connection update(Scope scope, String id, UnaryOperator<ConnectionSpec.Builder> changes) {
    ConnectionRecord current = stored(scope, id);
    ConnectionSpec spec =
        changes
            .apply(
                ConnectionSpec.builder()
                    .name(current.name())
                    .sourceId(current.sourceId())
                    .destinationId(current.destinationId())
                    .filterRulesJson(current.filterRulesJson())
                    .transformExpression(current.transformExpression())
                    .transformEnabled(current.transformEnabled())
                    .enabled(current.enabled())
                    .orderingKey(current.orderingKey()))
            .build();
    ConnectionRecord next =
        checks.toRecord(spec, id, scope, current.version() + 1, current.createdAt(), clock.now());
    if (!store.connections().update(next)) {
      throw new HookstreamException(
          ErrorCode.CONFLICT,
          "connection " + id + " was changed concurrently; read it again and retry");
    }
    onChange.accept(current);
    onChange.accept(next);
    return Connections.toApi(next);
  }

  /** Deletes the connection; events already routed through it are still delivered. */
  public void delete(Scope scope, String id) {
    ConnectionRecord current = stored(scope, id);
    if (!store.connections().delete(scope, id, clock.now())) {
      throw HookstreamException.notFound("connection", id);
    }
    onChange.accept(current);
  }

  private ConnectionRecord stored(Scope scope, String id) {
    return store
        .connections()
        .find(scope, id)
        .orElseThrow(() -> HookstreamException.notFound("connection", id));
  }
}
