package io.hookstream.spi.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A request to claim due tasks of one destination (see {@link
 * DeliveryRepository#claimDeliveries(DestinationClaim)}).
 *
 * <p>Candidates are the destination's tasks that are pending, due at {@code now}, not under a live
 * lease and, when {@code createdBefore} is not null, created at or before it. They are claimed
 * lowest {@code (sequence, id)} first, at most {@code limit}, and only while the destination has
 * fewer than {@code maxLeased} tasks under a live lease (counting every owner). When {@code
 * ordered} is true only the destination's pending task with the lowest {@code (sequence, id)} may
 * be claimed, due or not, so a later task never overtakes an earlier one. A task with an {@link
 * DeliveryTask#orderingKey() orderingKey} is a candidate only if no other pending task of the
 * destination with the same key has a lower {@code (sequence, id)}, leased, due or waiting for a
 * retry: one task per key at a time, in sequence order, and keys independent of each other.
 *
 * <p>A claim may lease fewer tasks than it could, even none, while another claim of the same
 * destination runs (a store may skip a destination being claimed rather than wait); the next round
 * gets them.
 *
 * <p>{@code answered} names tasks {@code owner} holds whose deliveries have their answer and are
 * being settled: they keep their leases but are no longer in flight, so they do not count toward
 * {@code maxLeased}. Naming them (rather than subtracting a number) keeps the count exact when one
 * of them settles while the claim runs.
 */
public record DestinationClaim(
    String destinationId,
    String owner,
    Instant now,
    Instant leaseUntil,
    int limit,
    int maxLeased,
    boolean ordered,
    Instant createdBefore,
    Set<String> answered) {

  public DestinationClaim {
    Objects.requireNonNull(destinationId, "destinationId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    if (limit < 0 || maxLeased < 0) {
      throw new IllegalArgumentException("limit and maxLeased must be >= 0");
    }
    answered = answered == null ? Set.of() : Set.copyOf(answered);
  }

  /** A claim with no answered tasks. */
  public DestinationClaim(
      String destinationId,
      String owner,
      Instant now,
      Instant leaseUntil,
      int limit,
      int maxLeased,
      boolean ordered,
      Instant createdBefore) {
    this(destinationId, owner, now, leaseUntil, limit, maxLeased, ordered, createdBefore, Set.of());
  }
}
