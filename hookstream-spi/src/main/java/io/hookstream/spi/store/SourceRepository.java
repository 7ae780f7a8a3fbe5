package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Optional;

/** Sources. Slugs are unique among the live sources of an environment. */
public interface SourceRepository {

  /** Throws CONFLICT if the slug is taken. */
  void insert(SourceRecord source);

  /** A live (not deleted) source of the scope. */
  Optional<SourceRecord> find(Scope scope, String id);

  /** Across all tenants, for the public ingest URL: the source with this id, even if deleted. */
  Optional<SourceRecord> findForIngest(String id);

  /** Live sources, newest first. */
  Page<SourceRecord> list(Scope scope, PageRequest page);

  /**
   * Replaces the source if its stored version is {@code source.version() - 1}.
   *
   * @return false if the source is gone or was changed concurrently
   * @throws io.hookstream.spi.HookstreamException CONFLICT if the new slug is taken
   */
  boolean update(SourceRecord source);

  /** Soft-deletes; false if unknown or already deleted. */
  boolean delete(Scope scope, String id, Instant at);

  /** Number of events received by the source. */
  long countEvents(Scope scope, String sourceId);
}
