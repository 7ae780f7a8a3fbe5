package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: concurrent callers' items (a row, a row with its child rows, a settle) are written
 * in one batch and one commit. A caller who finds fewer than {@code batchesInFlight} batches under
 * way becomes a leader and writes every item queued at that moment (up to {@code maxRows}, its own
 * first), then hands leadership to the oldest caller still waiting, so no caller writes more than
 * one batch. Items arriving while batches commit form the next batch; a lone caller is never
 * delayed to wait for company.
 *
 * <p>Each caller returns only after the commit that holds its item, so a returned insert is
 * durable. A batch that fails on the connection (UNAVAILABLE) fails for every caller in it; any
 * other failure (a duplicate key, a value the column refuses, a deadlock with another transaction)
 * is retried item by item, each in a transaction of its own, so only the offending caller sees its
 * error. Thread-safe.
 */
public final class GroupCommit<T> {

  /** Writes a batch of items on {@code c}, inside the transaction the batch commits in. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(Connection c, List<T> items) throws SQLException;
  }

  /** Group commit of single rows, each the parameters of {@code sql}. */
  public static GroupCommit<Object[]> ofRows(
      Jdbc jdbc, String sql, int maxRows, int batchesInFlight) {
    return new GroupCommit<>(jdbc, (c, rows) -> Jdbc.batch(c, sql, rows), maxRows, batchesInFlight);
  }

  /**
   * A queued row: {@code done} ends with the outcome of the commit that held it; {@code lead} tells
   * a waiting caller to lead the next batch. Two futures, so that a promoted leader still learns
   * its own batch's failure.
   */
  private record Pending<T>(T item, CompletableFuture<Void> done, CompletableFuture<Void> lead) {}

  private final Jdbc jdbc;
  private final Writer<T> writer;
  private final int maxRows;
  private final Object lock = new Object();
  private final Deque<Pending<T>> queue = new ArrayDeque<>();
  private final AtomicLong commits = new AtomicLong();
  private final int maxLeaders;
  private int leaders;

  /**
   * {@code maxRows}: the most items one commit writes; {@code batchesInFlight}: how many batches
   * may commit at once (with 1, a batch waits for the previous commit; with 2, one batch is written
   * while the other waits for its WAL flush).
   */
  public GroupCommit(Jdbc jdbc, Writer<T> writer, int maxRows, int batchesInFlight) {
    if (maxRows < 1 || batchesInFlight < 1) {
      throw new IllegalArgumentException("maxRows and batchesInFlight must be positive");
    }
    this.maxLeaders = batchesInFlight;
    this.jdbc = jdbc;
    this.writer = writer;
    this.maxRows = maxRows;
  }

  /** Writes one item; returns once it is committed. */
  public void insert(T item) {
    Pending<T> me = new Pending<>(item, new CompletableFuture<>(), new CompletableFuture<>());
    boolean lead;
    synchronized (lock) {
      queue.addLast(me);
      lead = leaders < maxLeaders;
      if (lead) {
        leaders++;
      }
    }
    if (!lead) {
      awaitQuietly(CompletableFuture.anyOf(me.done(), me.lead()));
      // Only a queued caller is handed the lead, so after this check nobody hands it to me.
      lead = me.lead().isDone();
    }
    if (lead) {
      writeNextBatch(); // usually with my own item at its head
    }
    outcome(me);
  }

  /** Transactions committed so far (a batch that fell back to single rows counts each). */
  public long commits() {
    return commits.get();
  }

  private void writeNextBatch() {
    List<Pending<T>> batch = new ArrayList<>();
    synchronized (lock) {
      while (!queue.isEmpty() && batch.size() < maxRows) {
        batch.add(queue.pollFirst());
      }
    }
    try {
      if (!batch.isEmpty()) { // empty when another leader took my row and the rest
        write(batch);
      }
    } finally {
      synchronized (lock) {
        handOverLead();
      }
    }
  }

  private void write(List<Pending<T>> batch) {
    try {
      commit(batch.stream().map(Pending::item).toList());
      commits.incrementAndGet();
      batch.forEach(p -> p.done().complete(null));
    } catch (HookstreamException e) {
      if ((e.code() == ErrorCode.UNAVAILABLE && !Jdbc.conflict(e)) || batch.size() == 1) {
        batch.forEach(p -> p.done().completeExceptionally(e));
        return;
      }
      for (Pending<T> p : batch) { // find the item at fault: each on its own
        try {
          commit(List.of(p.item()));
          commits.incrementAndGet();
          p.done().complete(null);
        } catch (RuntimeException single) {
          p.done().completeExceptionally(single);
        }
      }
    } catch (RuntimeException e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  private void commit(List<T> items) {
    jdbc.inTransaction(
        c -> {
          writer.write(c, items);
          return null;
        });
  }

  /** To the oldest queued caller not yet handed the lead by another leader; guarded by lock. */
  private void handOverLead() {
    for (Pending<T> p : queue) {
      if (!p.lead().isDone()) {
        p.lead().complete(null);
        return;
      }
    }
    leaders--;
  }

  /**
   * Waits without reacting to interrupts: a caller that left the queue while it may still be handed
   * the lead would leave every later caller waiting.
   */
  private static void awaitQuietly(CompletableFuture<?> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      // the outcome is read from the row's own future
    }
  }

  /** Returns if the row was committed; otherwise throws its failure (a fresh exception). */
  private static void outcome(Pending<?> p) {
    try {
      p.done().join();
    } catch (CompletionException e) {
      // A fresh exception per caller, so each has its own stack trace.
      if (e.getCause() instanceof HookstreamException h) {
        throw new HookstreamException(h.code(), h.getMessage(), h);
      }
      throw new HookstreamException(ErrorCode.INTERNAL, "insert failed", e.getCause());
    }
  }
}
