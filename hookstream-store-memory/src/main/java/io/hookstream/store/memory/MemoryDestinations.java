package io.hookstream.store.memory;

import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Optional;

/** Destinations in a {@link LiveTable}. */
final class MemoryDestinations implements DestinationRepository {

  private final LiveTable<DestinationRecord> table =
      new LiveTable<>(
          new LiveTable.Columns<>(
              "destination",
              DestinationRecord::id,
              DestinationRecord::scope,
              DestinationRecord::slug,
              DestinationRecord::version,
              DestinationRecord::deletedAt,
              MemoryDestinations::deleted));

  @Override
  public void insert(DestinationRecord destination) {
    table.insert(destination);
  }

  @Override
  public Optional<DestinationRecord> find(Scope scope, String id) {
    return table.find(scope, id);
  }

  @Override
  public Optional<DestinationRecord> findById(String id) {
    return table.findAny(id);
  }

  @Override
  public Page<DestinationRecord> list(Scope scope, PageRequest page) {
    return table.page(scope, page, d -> true);
  }

  @Override
  public boolean update(DestinationRecord destination) {
    return table.update(destination);
  }

  @Override
  public boolean delete(Scope scope, String id, Instant at) {
    return table.delete(scope, id, at);
  }

  long countLive(Scope scope) {
    return table.countLive(scope);
  }

  private static DestinationRecord deleted(DestinationRecord d, Instant at) {
    return new DestinationRecord(
        d.id(),
        d.orgId(),
        d.envId(),
        d.name(),
        d.slug(),
        d.description(),
        d.type(),
        d.configJson(),
        d.signingJson(),
        d.retry(),
        d.delivery(),
        d.disabledReason(),
        d.version() + 1,
        d.createdAt(),
        at,
        at);
  }
}
