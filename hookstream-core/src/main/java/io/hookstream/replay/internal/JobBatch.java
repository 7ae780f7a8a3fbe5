package io.hookstream.replay.internal;

import io.hookstream.delivery.TaskFactory;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.ReplayJobRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The delivery tasks one step of a job creates for its next events: a replay sends each event once
 * to the job's destination; a retry queues each dead delivery of the event again (to the job's
 * destination when it has one) and skips an event with none, e.g. one whose delivery meanwhile
 * succeeded or is already pending again.
 */
record JobBatch(List<DeliveryTask> tasks, Set<String> retriedEvents, int skipped) {

  static JobBatch of(
      ReplayJobRecord job, List<EventRecord> events, Store store, TaskFactory factory) {
    List<DeliveryTask> tasks = new ArrayList<>();
    Set<String> retried = new LinkedHashSet<>();
    int skipped = 0;
    for (EventRecord e : events) {
      if (ReplayJobRecord.KIND_REPLAY.equals(job.kind())) {
        tasks.add(factory.replayOf(job.scope(), e.id(), job.id(), job.destinationId()));
        continue;
      }
      List<DeliveryTask> again = deadRoutes(job, e, store).stream().map(factory::retryOf).toList();
      if (again.isEmpty()) {
        skipped++;
      } else {
        tasks.addAll(again);
        retried.add(e.id());
      }
    }
    return new JobBatch(tasks, retried, skipped);
  }

  /** The event's routes (to the job's destination, if set) whose newest task is dead. */
  private static List<DeliveryTask> deadRoutes(ReplayJobRecord job, EventRecord e, Store store) {
    Map<String, DeliveryTask> latest = new LinkedHashMap<>();
    for (DeliveryTask t : store.deliveries().tasksForEvent(job.scope(), e.id())) {
      if (!TaskFactory.isReplay(t)
          && (job.destinationId() == null || job.destinationId().equals(t.destinationId()))) {
        latest.merge(
            t.connectionId() + "\n" + t.destinationId(),
            t,
            (a, b) -> b.sequence() > a.sequence() ? b : a);
      }
    }
    return latest.values().stream().filter(t -> t.status() == TaskStatus.DEAD).toList();
  }
}
