package io.hookstream.store.memory;

import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.ConnectionRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Connections in a {@link LiveTable} (no slug). */
final class MemoryConnections implements ConnectionRepository {

  private final LiveTable<ConnectionRecord> table =
      new LiveTable<>(
          new LiveTable.Columns<>(
              "connection",
              ConnectionRecord::id,
              ConnectionRecord::scope,
              c -> null,
              ConnectionRecord::version,
              ConnectionRecord::deletedAt,
              MemoryConnections::deleted));

  @Override
  public void insert(ConnectionRecord connection) {
    table.insert(connection);
  }

  @Override
  public Optional<ConnectionRecord> find(Scope scope, String id) {
    return table.find(scope, id);
  }

  @Override
  public Page<ConnectionRecord> list(
      Scope scope, String sourceId, String destinationId, PageRequest page) {
    return table.page(scope, page, c -> matches(c, sourceId, destinationId));
  }

  @Override
  public List<ConnectionRecord> listForSource(Scope scope, String sourceId) {
    Objects.requireNonNull(sourceId, "sourceId");
    List<ConnectionRecord> result = new ArrayList<>();
    for (Iterator<ConnectionRecord> it = table.newestFirst(scope); it.hasNext(); ) {
      ConnectionRecord c = it.next();
      if (!c.deleted() && matches(c, sourceId, null)) {
        result.add(c);
      }
    }
    return result;
  }

  @Override
  public boolean update(ConnectionRecord connection) {
    return table.update(connection);
  }

  @Override
  public boolean delete(Scope scope, String id, Instant at) {
    return table.delete(scope, id, at);
  }

  private static boolean matches(ConnectionRecord c, String sourceId, String destinationId) {
    return (sourceId == null || sourceId.equals(c.sourceId()))
        && (destinationId == null || destinationId.equals(c.destinationId()));
  }

  private static ConnectionRecord deleted(ConnectionRecord c, Instant at) {
    return new ConnectionRecord(
        c.id(),
        c.orgId(),
        c.envId(),
        c.name(),
        c.sourceId(),
        c.destinationId(),
        c.filterRulesJson(),
        c.transformExpression(),
        c.transformEnabled(),
        c.enabled(),
        c.orderingKey(),
        c.version() + 1,
        c.createdAt(),
        at,
        at);
  }
}
