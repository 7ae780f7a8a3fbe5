package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per destination, remembered lower bounds ("floors") of its pending tasks' sequences and due
 * times, where PostgreSQL's claims and due-destination probes start their index scans. Without them
 * each scan reads past the index entries of every task delivered since the oldest open snapshot:
 * entries no vacuum may remove while a transaction holds {@code xmin}, so the cost of a claim grew
 * with the length of the hold.
 *
 * <p>A floor is moved up every refresh interval (250 ms by default), reading from {@link #MARGIN}
 * below the old one (a short range of dead entries), and recomputed from the start of the
 * destination's range every {@link #FULL_NANOS}. A task below a floor (committed long after its
 * sequence was taken, or written by a node whose clock is behind) is so claimed at most {@link
 * #FULL_NANOS} late, never lost. Thread-safe; one per store, so per node.
 */
final class ScanFloors {

  /** How often a floor is recomputed from the whole range. */
  static final long FULL_NANOS = 10_000_000_000L;

  /** How far below the old floor a refresh reads, for late commits. */
  static final Duration MARGIN = Duration.ofSeconds(1);

  /**
   * How far below the lowest pending task a floor lies, so that tasks committed a little after
   * their sequence or due time was taken (an ingest batch's commit) are claimed at once, not at the
   * next refresh. Sequences are engine-clock microseconds.
   */
  static final Duration SLACK = Duration.ofMillis(200);

  /** No sequence floor: the scan reads the whole range. */
  static final long NO_SEQUENCE = Long.MIN_VALUE;

  /** No due floor. */
  static final Instant NO_DUE = Instant.EPOCH;

  /** A destination's floors: no pending task has a lower sequence or an earlier due time. */
  record Floor(long sequence, Instant due, long refreshedAt, long fullAt) {}

  private final String refreshSql;
  private final LongSupplier nanoTime;
  private final long refreshNanos;
  private final Map<String, Floor> floors = new ConcurrentHashMap<>();

  /** {@code refreshNanos}: how often a floor is moved up. */
  ScanFloors(String tasks, LongSupplier nanoTime, long refreshNanos) {
    String pending = " FROM " + tasks + " WHERE destination_id = ? AND status = 'pending' AND ";
    this.refreshSql =
        "SELECT (SELECT MIN(sequence)"
            + pending
            + "sequence >= ?), (SELECT MIN(next_attempt_at)"
            + pending
            + "next_attempt_at >= ?)";
    this.nanoTime = nanoTime;
    this.refreshNanos = refreshNanos;
  }

  /**
   * The destination's floors, refreshed in {@code c}'s transaction when due; {@code now} is the
   * engine's time, which caps the due floor so that tasks added after it are above it.
   */
  Floor floor(Connection c, String destinationId, Instant now) throws SQLException {
    long at = nanoTime.getAsLong();
    Floor f = floors.get(destinationId);
    if (f != null && at - f.refreshedAt() < refreshNanos) {
      return f;
    }
    boolean full = f == null || at - f.fullAt() >= FULL_NANOS;
    long margin = micros(MARGIN);
    Object[] row =
        Jdbc.query(
                c,
                refreshSql,
                rs -> new Object[] {rs.getObject(1), rs.getTimestamp(2)},
                destinationId,
                full || f.sequence() == NO_SEQUENCE ? NO_SEQUENCE : f.sequence() - margin,
                destinationId,
                Timestamp.from(full ? NO_DUE : f.due().minus(MARGIN)))
            .get(0);
    // Nothing pending: later tasks have later sequences than any seen, and are due from now.
    long sequence =
        row[0] != null
            ? ((Number) row[0]).longValue() - micros(SLACK)
            : f == null ? NO_SEQUENCE : f.sequence();
    Instant due =
        row[1] != null && ((Timestamp) row[1]).toInstant().isBefore(now)
            ? ((Timestamp) row[1]).toInstant()
            : now;
    Floor fresh = new Floor(sequence, due.minus(SLACK), at, full ? at : f.fullAt());
    floors.put(destinationId, fresh);
    return fresh;
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1000;
  }

  /**
   * Lowers the floors of a task's destination to a pending task this node wrote, so that its own
   * claims see it at once (a retried task keeps its old sequence; tests write any).
   */
  void admit(DeliveryTask task) {
    if (task.status() != TaskStatus.PENDING) {
      return;
    }
    long sequence = task.sequence() - micros(SLACK);
    Instant due = task.nextAttemptAt().minus(SLACK);
    floors.computeIfPresent(
        task.destinationId(),
        (id, f) ->
            sequence >= f.sequence() && !due.isBefore(f.due())
                ? f
                : new Floor(
                    Math.min(sequence, f.sequence()),
                    due.isBefore(f.due()) ? due : f.due(),
                    f.refreshedAt(),
                    f.fullAt()));
  }

  /** The due floors known now, for the due-destination probe. */
  Map<String, Instant> dueFloors() {
    Map<String, Instant> due = new HashMap<>();
    floors.forEach((id, f) -> due.put(id, f.due()));
    return due;
  }
}
