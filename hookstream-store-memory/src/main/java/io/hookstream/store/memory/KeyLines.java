package io.hookstream.store.memory;

import io.hookstream.spi.store.DeliveryTask;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The pending tasks a claim may consider, per destination in {@code (sequence, id)} order: every
 * unkeyed task and the first pending task of each ordering key. A claim walks these instead of the
 * whole backlog, so tasks queued behind their key's head cost it nothing. Not thread-safe: {@link
 * MemoryDeliveries} guards it with its lock.
 */
final class KeyLines {

  private record Line(String destinationId, String key) {}

  private final Comparator<DeliveryTask> order;
  private final Map<String, TreeSet<DeliveryTask>> claimable = new HashMap<>();
  private final Map<Line, TreeSet<DeliveryTask>> lines = new HashMap<>();

  KeyLines(Comparator<DeliveryTask> order) {
    this.order = order;
  }

  /** Adds a pending task. */
  void add(DeliveryTask task) {
    TreeSet<DeliveryTask> candidates =
        claimable.computeIfAbsent(task.destinationId(), d -> new TreeSet<>(order));
    if (task.orderingKey() == null) {
      candidates.add(task);
      return;
    }
    TreeSet<DeliveryTask> line = lines.computeIfAbsent(line(task), l -> new TreeSet<>(order));
    DeliveryTask head = line.isEmpty() ? null : line.first();
    line.add(task);
    if (line.first() == task) {
      if (head != null) {
        candidates.remove(head);
      }
      candidates.add(task);
    }
  }

  /** Removes a task that was added (matched by sequence and id); its key's next task moves up. */
  void remove(DeliveryTask task) {
    TreeSet<DeliveryTask> candidates = claimable.get(task.destinationId());
    if (candidates == null) {
      return;
    }
    candidates.remove(task);
    if (task.orderingKey() == null) {
      return;
    }
    Line id = line(task);
    TreeSet<DeliveryTask> line = lines.get(id);
    if (line == null || !line.remove(task)) {
      return;
    }
    if (line.isEmpty()) {
      lines.remove(id);
    } else {
      candidates.add(line.first());
    }
  }

  /** The destination's claimable tasks, lowest {@code (sequence, id)} first. */
  NavigableSet<DeliveryTask> claimable(String destinationId) {
    TreeSet<DeliveryTask> candidates = claimable.get(destinationId);
    return candidates == null ? Collections.emptyNavigableSet() : candidates;
  }

  private static Line line(DeliveryTask task) {
    return new Line(task.destinationId(), task.orderingKey());
  }
}
