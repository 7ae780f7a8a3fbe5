package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tools API's scheduled sends. A send fires once across nodes: a node claims due sends under a
 * lease (an atomic step, so two nodes never hold one send), sends, then records the outcome only
 * while its lease holds. A node that dies mid-send leaves the lease to expire, and the send is
 * claimed again (at least once when nodes crash, exactly once otherwise).
 */
public interface ScheduledSendRepository {

  /** Stores a new send; CONFLICT if the id is taken. */
  void insert(ScheduledSendRecord send);

  Optional<ScheduledSendRecord> find(String id);

  /**
   * Across all sends, atomically: leases to {@code owner} until {@code leaseUntil} up to {@code
   * limit} sends that are pending, due at {@code now} and not leased (or whose lease expired),
   * earliest {@code firesAt} first; returns them as leased.
   */
  List<ScheduledSendRecord> claimDue(String owner, Instant now, Instant leaseUntil, int limit);

  /**
   * Records the outcome of a send {@code owner} holds the lease of ({@code status} completed or
   * failed) and releases the lease; false (nothing written) if the send is no longer pending or
   * leased to another owner.
   */
  boolean finish(
      String id,
      String owner,
      String status,
      Integer responseStatus,
      Long latencyMs,
      String error,
      Instant completedAt);

  /** Deletes finished sends completed before {@code cutoff}; returns how many. */
  int deleteFinishedBefore(Instant cutoff);
}
