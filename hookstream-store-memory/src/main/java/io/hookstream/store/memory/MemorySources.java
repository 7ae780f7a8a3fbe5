package io.hookstream.store.memory;

import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.SourceRepository;
import java.time.Instant;
import java.util.Optional;

/** Sources in a {@link LiveTable}; event counts come from the event repository. */
final class MemorySources implements SourceRepository {

  private final LiveTable<SourceRecord> table =
      new LiveTable<>(
          new LiveTable.Columns<>(
              "source",
              SourceRecord::id,
              SourceRecord::scope,
              SourceRecord::slug,
              SourceRecord::version,
              SourceRecord::deletedAt,
              MemorySources::deleted));
  private final MemoryEvents events;

  MemorySources(MemoryEvents events) {
    this.events = events;
  }

  @Override
  public void insert(SourceRecord source) {
    table.insert(source);
  }

  @Override
  public Optional<SourceRecord> find(Scope scope, String id) {
    return table.find(scope, id);
  }

  @Override
  public Optional<SourceRecord> findForIngest(String id) {
    return table.findAny(id);
  }

  @Override
  public Page<SourceRecord> list(Scope scope, PageRequest page) {
    return table.page(scope, page, s -> true);
  }

  @Override
  public boolean update(SourceRecord source) {
    return table.update(source);
  }

  @Override
  public boolean delete(Scope scope, String id, Instant at) {
    return table.delete(scope, id, at);
  }

  @Override
  public long countEvents(Scope scope, String sourceId) {
    return events.countForSource(scope, sourceId);
  }

  long countLive(Scope scope) {
    return table.countLive(scope);
  }

  private static SourceRecord deleted(SourceRecord s, Instant at) {
    return new SourceRecord(
        s.id(),
        s.orgId(),
        s.envId(),
        s.name(),
        s.slug(),
        s.description(),
        s.template(),
        s.verification(),
        s.ipAllowlist(),
        s.ipDenylist(),
        s.dedup(),
        s.schema(),
        s.version() + 1,
        s.createdAt(),
        at,
        at);
  }
}
