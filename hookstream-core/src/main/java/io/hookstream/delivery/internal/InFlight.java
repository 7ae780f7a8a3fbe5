package io.hookstream.delivery.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tasks this engine holds under lease (queued for a worker, being delivered, or answered and
 * being settled), counted per destination so that one destination's backlog cannot take every
 * worker. A task counts as in flight to its destination until its answer arrives; while its settle
 * commits it is only held (its lease is still renewed). Thread-safe.
 */
public final class InFlight {

  private final Map<String, Work> byTask = new ConcurrentHashMap<>();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> byDestination = new ConcurrentHashMap<>();

  public void add(Work work) {
    byTask.put(work.task().id(), work);
    counter(byDestination, work).incrementAndGet();
  }

  /** The destination answered {@code work}: it no longer counts as in flight there. */
  public void answered(Work work) {
    if (byTask.containsKey(work.task().id()) && answered.add(work.task().id())) {
      counter(byDestination, work).decrementAndGet();
    }
  }

  public void remove(Work work) {
    if (byTask.remove(work.task().id()) != null) {
      if (!answered.remove(work.task().id())) {
        counter(byDestination, work).decrementAndGet();
      }
    }
  }

  public int size() {
    return byTask.size();
  }

  /** Tasks of the destination queued or being delivered (not yet answered). */
  public int count(String destinationId) {
    AtomicInteger n = byDestination.get(destinationId);
    return n == null ? 0 : n.get();
  }

  /** Tasks of the destination answered and still leased while their settles commit. */
  public Set<String> answered(String destinationId) {
    Set<String> ids = new HashSet<>();
    for (String id : answered) {
      Work w = byTask.get(id);
      if (w != null && w.destinationId().equals(destinationId)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static AtomicInteger counter(Map<String, AtomicInteger> counts, Work work) {
    return counts.computeIfAbsent(work.destinationId(), d -> new AtomicInteger());
  }

  /** Destinations holding at least {@code cap} tasks. */
  public Set<String> atLeast(int cap) {
    Set<String> full = new HashSet<>();
    byDestination.forEach(
        (d, n) -> {
          if (n.get() >= cap) {
            full.add(d);
          }
        });
    return full;
  }

  /** Held task ids grouped by lease length, for the heartbeat. */
  public Map<Duration, List<String>> byLease() {
    Map<Duration, List<String>> groups = new HashMap<>();
    byTask
        .values()
        .forEach(w -> groups.computeIfAbsent(w.lease(), l -> new ArrayList<>()).add(w.task().id()));
    return groups;
  }
}
