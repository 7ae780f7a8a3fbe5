package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Auto-created issues. */
public interface IssueRepository {

  /**
   * The issue that is not resolved for {@code destinationId} and {@code errorType}, if any: new
   * failures of that kind are added to it.
   */
  Optional<IssueRecord> findActive(Scope scope, String destinationId, String errorType);

  /**
   * Stores a new issue. Throws CONFLICT if it is not resolved and another issue of the same
   * destination and error type is (at most one active issue per pair, so two nodes that both saw
   * the first failure create one issue: the loser reads {@link #findActive} and updates it).
   */
  void insert(IssueRecord issue);

  /**
   * Replaces the issue; false if unknown. Throws CONFLICT if that would make a second issue of the
   * same destination and error type active.
   */
  boolean update(IssueRecord issue);

  Optional<IssueRecord> find(Scope scope, String id);

  /** Issues newest first; {@code status} and {@code destinationId} filter when not null. */
  Page<IssueRecord> list(Scope scope, String status, String destinationId, PageRequest page);

  /** Across all tenants: open or acknowledged issues last seen before {@code before}. */
  List<IssueRecord> findStale(Instant before, int limit);

  /** Across all tenants: how many issues have the status {@code open}. */
  long countOpen();
}
