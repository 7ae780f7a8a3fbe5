package io.hookstream.replay.internal;

import io.hookstream.delivery.TaskFactory;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.ReplayJobRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One pacing step of every running replay and bulk-retry job, run by the engine's job runner once a
 * second of engine clock. A step takes the job's lease for this node, hands its next {@code
 * rateLimit} events to delivery and moves the cursor past them in one compare-and-set write (so a
 * restart resumes after the last event sent, and of two nodes stepping one job only one writes),
 * then recounts the outcomes of the job's tasks. A job is completed once every event is dealt with
 * and none of its tasks is pending. Thread-safe.
 */
public final class ReplayRunner {

  /** How long a node keeps a job after its last step: another node takes over after this. */
  public static final Duration LEASE = Duration.ofSeconds(30);

  /** Jobs stepped per run at most; the others wait for the next second. */
  static final int MAX_JOBS_PER_RUN = 50;

  private final Store store;
  private final Clock clock;
  private final String nodeId;
  private final TaskFactory factory;
  private final Runnable wake;
  private final Consumer<ReplayJobRecord> progress;

  /**
   * {@code wake} starts the delivery scheduler after tasks were queued; {@code progress} is told of
   * every job whose counts or status changed.
   */
  public ReplayRunner(
      Store store,
      Clock clock,
      String nodeId,
      TaskFactory factory,
      Runnable wake,
      Consumer<ReplayJobRecord> progress) {
    this.store = store;
    this.clock = clock;
    this.nodeId = nodeId;
    this.factory = factory;
    this.wake = wake;
    this.progress = progress;
  }

  /** Steps every running job this node may take; returns how many steps were written. */
  public int runOnce() {
    Instant now = clock.now();
    int written = 0;
    for (ReplayJobRecord job : store.replayJobs().runnable(nodeId, now, MAX_JOBS_PER_RUN)) {
      if (step(job, now)) {
        written++;
      }
    }
    return written;
  }

  private boolean step(ReplayJobRecord job, Instant now) {
    if (destinationGone(job)) {
      return fail(job, now);
    }
    int room = Math.max(0, Math.min(job.rateLimit(), job.total() - job.processed()));
    List<EventRecord> events = room == 0 ? List.of() : store.replayJobs().nextEvents(job, room);
    JobBatch batch = JobBatch.of(job, events, store, factory);
    Map<TaskStatus, Integer> counts = store.replayJobs().taskCounts(job.scope(), job.id());
    int processed = job.processed() + events.size();
    int skipped = job.skipped() + batch.skipped();
    boolean allSeen = events.size() < room || processed >= job.total();
    boolean done = allSeen && batch.tasks().isEmpty() && count(counts, TaskStatus.PENDING) == 0;
    if (done) {
      // Events counted at creation that the scan no longer finds (purged, or no longer failed)
      // needed nothing.
      skipped += job.total() - processed;
      processed = job.total();
    }
    String cursor = events.isEmpty() ? job.cursorEventId() : events.get(events.size() - 1).id();
    ReplayJobRecord next =
        job.withProgress(
            done ? ReplayJobRecord.COMPLETED : ReplayJobRecord.RUNNING,
            processed,
            skipped,
            count(counts, TaskStatus.SUCCEEDED),
            count(counts, TaskStatus.DEAD) + count(counts, TaskStatus.CANCELLED),
            cursor,
            done ? null : nodeId,
            done ? null : now.plus(LEASE),
            done ? now : null,
            now);
    if (!store.replayJobs().advance(next, job.version(), batch.tasks())) {
      return false; // another node stepped or cancelled it first; it wrote, this step did not
    }
    for (String eventId : batch.retriedEvents()) {
      store.events().updateStatus(job.scope(), eventId, EventStatus.PROCESSING, now);
    }
    if (!batch.tasks().isEmpty()) {
      wake.run();
    }
    if (changed(job, next)) {
      progress.accept(next);
    }
    return true;
  }

  /** Ends a job whose destination was deleted. */
  private boolean fail(ReplayJobRecord job, Instant now) {
    ReplayJobRecord failed = job.finished(ReplayJobRecord.FAILED, now);
    if (!store.replayJobs().compareAndSet(failed, job.version())) {
      return false;
    }
    progress.accept(failed);
    return true;
  }

  private boolean destinationGone(ReplayJobRecord job) {
    return job.destinationId() != null
        && store.destinations().find(job.scope(), job.destinationId()).isEmpty();
  }

  private static boolean changed(ReplayJobRecord before, ReplayJobRecord after) {
    return !before.status().equals(after.status())
        || before.processed() != after.processed()
        || before.skipped() != after.skipped()
        || before.succeeded() != after.succeeded()
        || before.failed() != after.failed();
  }

  private static int count(Map<TaskStatus, Integer> counts, TaskStatus status) {
    return counts.getOrDefault(status, 0);
  }
}
