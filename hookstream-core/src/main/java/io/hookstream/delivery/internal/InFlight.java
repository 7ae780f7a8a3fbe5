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
 * The tasks this engine holds under lease (queued for a worker or being delivered), counted per
 * destination so that one destination's backlog cannot take every worker. Thread-safe.
 */
public final class InFlight {

  private final Map<String, Work> byTask = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> byDestination = new ConcurrentHashMap<>();

  public void add(Work work) {
    byTask.put(work.task().id(), work);
    byDestination.computeIfAbsent(work.destinationId(), d -> new AtomicInteger()).incrementAndGet();
  }

  public void remove(Work work) {
    if (byTask.remove(work.task().id()) != null) {
      byDestination.get(work.destinationId()).decrementAndGet();
    }
  }

  public int size() {
    return byTask.size();
  }

  public int count(String destinationId) {
    AtomicInteger n = byDestination.get(destinationId);
    return n == null ? 0 : n.get();
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
