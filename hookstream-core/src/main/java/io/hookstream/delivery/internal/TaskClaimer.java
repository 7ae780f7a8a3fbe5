package io.hookstream.delivery.internal;

import io.hookstream.alert.internal.ChannelDestinations;
import io.hookstream.delivery.internal.Work.Kind;
import io.hookstream.internal.ExpiringCache;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.CircuitRecord;
import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what to claim in one scheduling round, destination by destination: due tasks of closed
 * circuits within the destination's limits (max in flight across nodes, ordered head of line, rate
 * limit, a per-node share of the workers); for an open circuit, one probe after the cooldown and
 * the dead-lettering of tasks queued past their retry window; nothing for disabled destinations;
 * cancellation for deleted ones. Destinations are visited in a rotating order so that none waits
 * behind another. Thread-safe (one round at a time).
 *
 * <p>Under the per-node share, a destination's {@link AdaptiveLimits adaptive limit} sets how many
 * of its tasks this node holds.
 */
public final class TaskClaimer {

  /** How many due destinations one round looks at. */
  static final int DUE_SCAN = 1000;

  private static final Logger log = LoggerFactory.getLogger(TaskClaimer.class);

  /**
   * How long a destination's settings are reused between rounds; a change on this engine is seen at
   * once, one on another node after at most this long.
   */
  static final Duration DESTINATION_CACHE_TTL = Duration.ofSeconds(1);

  private final Store store;
  private final ExpiringCache<String, DestinationRecord> destinations;
  private final CircuitLogic circuits;
  private final String owner;
  private final Duration lease;
  private final int workerShare;
  private final AdaptiveLimits limits;
  private final DeliveryTokenBuckets limiter = new DeliveryTokenBuckets();

  /** Destinations known to be disabled; re-read every round. */
  private final Set<String> disabled = new HashSet<>();

  /** Destinations whose circuit was open or half-open at the last look. */
  private final Set<String> blocked = new LinkedHashSet<>();

  private int rotation;

  /**
   * @param workerShare the most tasks of one destination this node holds at once
   * @param limits the adaptive limit of each destination on this node, under that share
   */
  public TaskClaimer(
      Store store,
      Clock clock,
      CircuitLogic circuits,
      String owner,
      Duration lease,
      int workerShare,
      AdaptiveLimits limits) {
    this.store = store;
    this.destinations =
        new ExpiringCache<>(clock, DESTINATION_CACHE_TTL, ExpiringCache.DEFAULT_MAX_ENTRIES);
    this.circuits = circuits;
    this.owner = owner;
    this.lease = lease;
    this.workerShare = workerShare;
    this.limits = limits;
  }

  /** Claims up to {@code slots} tasks due at {@code now}. */
  public List<Work> claim(int slots, Instant now, InFlight held) {
    return claim(slots, now, held, null);
  }

  /**
   * Claims up to {@code slots} tasks due at {@code now}, of the destinations in {@code only} (and
   * those behind open circuits) if it is not null, else of every destination with due work.
   */
  public synchronized List<Work> claim(int slots, Instant now, InFlight held, Set<String> only) {
    List<Work> works = new ArrayList<>();
    if (slots <= 0) {
      return works;
    }
    disabled.removeIf(
        id -> destination(id).map(d -> d.deleted() || d.disabledReason() == null).orElse(true));
    Set<String> excluded = new HashSet<>(disabled);
    excluded.addAll(blocked);
    excluded.addAll(held.atLeast(workerShare));
    List<String> candidates = new ArrayList<>(blocked);
    if (only == null) {
      candidates.addAll(store.deliveries().dueDestinations(now, DUE_SCAN, excluded));
    } else {
      only.stream().filter(id -> !excluded.contains(id)).forEach(candidates::add);
    }
    if (candidates.size() > 1) {
      Collections.rotate(candidates, -(rotation++ % candidates.size()));
    }
    for (String id : candidates) {
      int room = slots - works.size();
      if (room <= 0) {
        break;
      }
      claimFor(id, room, now, held, works);
    }
    return works;
  }

  private void claimFor(String id, int room, Instant now, InFlight held, List<Work> works) {
    Optional<DestinationRecord> found = destination(id);
    if (found.isEmpty() || found.get().deleted()) {
      blocked.remove(id);
      limits.forget(id);
      claim(id, now, lease, room, Integer.MAX_VALUE, false, null, Set.of())
          .forEach(t -> works.add(new Work(t, null, Kind.CANCEL, lease)));
      return;
    }
    DestinationRecord d = found.get();
    if (d.disabledReason() != null) {
      disabled.add(id);
      blocked.remove(id);
      return;
    }
    Duration leaseFor = DestinationSettings.lease(d, lease);
    CircuitRecord circuit = circuits.view(id, d.scope(), now);
    if (CircuitLogic.CLOSED.equals(circuit.state())) {
      blocked.remove(id);
      claimClosed(d, room, now, leaseFor, held, works);
    } else {
      blocked.add(id);
      claimBlocked(d, circuit, room, now, leaseFor, works);
    }
  }

  private void claimClosed(
      DestinationRecord d,
      int room,
      Instant now,
      Duration leaseFor,
      InFlight held,
      List<Work> works) {
    Delivery delivery = DestinationSettings.delivery(d);
    int maxLeased = delivery.ordered() ? 1 : Math.max(1, delivery.maxInFlight());
    int limit = Math.min(room, limits.limit(d.id(), delivery) - held.count(d.id()));
    limit = Math.min(limit, limiter.available(d.id(), delivery.rateLimitPerSecond(), now));
    if (limit <= 0) {
      return;
    }
    // This node's answered tasks hold leases until their settles commit, but are no longer in
    // flight to the destination: the store's lease count leaves them out.
    List<ClaimedTask> tasks =
        claim(
            d.id(),
            now,
            leaseFor,
            limit,
            maxLeased,
            delivery.ordered(),
            null,
            held.answered(d.id()));
    limiter.take(d.id(), tasks.size());
    limits.inUse(d.id(), held.count(d.id()) + tasks.size());
    tasks.forEach(t -> works.add(new Work(t, d, Kind.DELIVER, leaseFor)));
  }

  private void claimBlocked(
      DestinationRecord d,
      CircuitRecord circuit,
      int room,
      Instant now,
      Duration leaseFor,
      List<Work> works) {
    // The probe first: a task whose final attempt is due right now may still be the probe.
    boolean probeDue =
        CircuitLogic.OPEN.equals(circuit.state())
            ? circuits.cooledDown(circuit, now)
            : circuit.updatedAt().plus(leaseFor).isBefore(now); // a prober that died
    Delivery delivery = DestinationSettings.delivery(d);
    int left = room;
    if (probeDue && limiter.available(d.id(), delivery.rateLimitPerSecond(), now) > 0) {
      List<ClaimedTask> probe =
          claim(d.id(), now, leaseFor, 1, Integer.MAX_VALUE, delivery.ordered(), null, Set.of());
      if (!probe.isEmpty() && circuits.beginProbe(circuit, now)) {
        limiter.take(d.id(), 1);
        works.add(new Work(probe.get(0), d, Kind.PROBE, leaseFor));
        left--;
      } else if (!probe.isEmpty()) {
        release(probe.get(0).task(), now);
      }
    }
    if (left <= 0) {
      return;
    }
    // Queued past the retry window (strictly after the final attempt's due time): dead letter.
    Instant createdBefore = now.minus(RetrySchedule.window(d.retry())).minusNanos(1);
    claim(d.id(), now, leaseFor, left, Integer.MAX_VALUE, false, createdBefore, Set.of())
        .forEach(t -> works.add(new Work(t, d, Kind.EXPIRE, leaseFor)));
  }

  private List<ClaimedTask> claim(
      String destinationId,
      Instant now,
      Duration leaseFor,
      int limit,
      int maxLeased,
      boolean ordered,
      Instant createdBefore,
      Set<String> answered) {
    return store
        .deliveries()
        .claimDeliveries(
            new DestinationClaim(
                destinationId,
                owner,
                now,
                now.plus(leaseFor),
                limit,
                maxLeased,
                ordered,
                createdBefore,
                answered));
  }

  /** This engine changed or deleted destination {@code id}. */
  public void destinationChanged(String id) {
    destinations.invalidate(id);
  }

  private Optional<DestinationRecord> destination(String id) {
    return destinations.get(
        id,
        key ->
            ChannelDestinations.isChannel(key)
                ? ChannelDestinations.find(store, key)
                : store.destinations().findById(key));
  }

  /** Gives a claimed task back untouched (another node won the probe, or shutdown). */
  public void release(DeliveryTask task, Instant now) {
    boolean released =
        store
            .deliveries()
            .settle(
                owner,
                task.settled(TaskStatus.PENDING, task.attempts(), task.nextAttemptAt(), now),
                null);
    if (!released) {
      log.debug("task {} was no longer leased by {} when released", task.id(), owner);
    }
  }
}
