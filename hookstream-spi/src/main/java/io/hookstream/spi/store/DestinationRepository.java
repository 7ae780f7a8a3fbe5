package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Optional;

/** Destinations. Slugs are unique among the live destinations of an environment. */
public interface DestinationRepository {

  /** Throws CONFLICT if the slug is taken. */
  void insert(DestinationRecord destination);

  /** A live (not deleted) destination of the scope. */
  Optional<DestinationRecord> find(Scope scope, String id);

  /** Across all tenants, for the scheduler: the destination with this id, even if deleted. */
  Optional<DestinationRecord> findById(String id);

  Page<DestinationRecord> list(Scope scope, PageRequest page);

  /** Replaces the destination if its stored version is {@code destination.version() - 1}. */
  boolean update(DestinationRecord destination);

  /** Soft-deletes; false if unknown or already deleted. */
  boolean delete(Scope scope, String id, Instant at);
}
