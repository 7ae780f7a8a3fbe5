package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for single-row inserts: concurrent callers' rows are written in one batch and one
 * commit. The first caller becomes the leader and writes every row queued at that moment (up to
 * {@code maxRows}, its own first), then hands leadership to the oldest caller still waiting, so
 * no caller writes more than one batch. Rows arriving while a batch commits form the next batch;
 * a lone caller is never delayed to wait for company.
 *
 * <p>Each caller returns only after the commit that holds its row, so a returned insert is
 * durable. A batch that fails on the connection (UNAVAILABLE) fails for every caller in it; any
 * other failure (a duplicate key, a value the column refuses) is retried row by row, so only the
 * offending caller sees its error. Thread-safe.
 */
public final class GroupCommit {

  /**
   * A queued row: {@code done} ends with the outcome of the commit that held it; {@code lead}
   * tells a waiting caller to lead the next batch. Two futures, so that a promoted leader still
   * learns its own batch's failure.
   */
  private record Pending(
      Object[] values, CompletableFuture<Void> done, CompletableFuture<Void> lead) {}

  private final Jdbc jdbc;
  private final String sql;
  private final int maxRows;
  private final Object lock = new Object();
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final AtomicLong commits = new AtomicLong();
  private boolean leading;

  public GroupCommit(Jdbc jdbc, String sql, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be positive");
    }
    this.jdbc = jdbc;
    this.sql = sql;
    this.maxRows = maxRows;
  }

  /** Inserts one row with {@code sql}'s parameters; returns once it is committed. */
  public void insert(Object[] values) {
    Pending me = new Pending(values, new CompletableFuture<>(), new CompletableFuture<>());
    boolean lead;
    synchronized (lock) {
      queue.addLast(me);
      lead = !leading;
      leading = true;
    }
    if (!lead) {
      awaitQuietly(CompletableFuture.anyOf(me.done(), me.lead()));
    }
    if (!me.done().isDone()) {
      writeNextBatch(); // I lead: my row is the head of this batch
    }
    outcome(me);
  }

  /** Transactions committed so far (a batch that fell back to single rows counts each). */
  public long commits() {
    return commits.get();
  }

  private void writeNextBatch() {
    List<Pending> batch = new ArrayList<>();
    synchronized (lock) {
      while (!queue.isEmpty() && batch.size() < maxRows) {
        batch.add(queue.pollFirst());
      }
    }
    try {
      write(batch);
    } finally {
      synchronized (lock) {
        Pending next = queue.peekFirst();
        if (next == null) {
          leading = false;
        } else {
          next.lead().complete(null);
        }
      }
    }
  }

  private void write(List<Pending> batch) {
    try {
      jdbc.inTransaction(c -> {
        Jdbc.batch(c, sql, batch.stream().map(Pending::values).toList());
        return null;
      });
      commits.incrementAndGet();
      batch.forEach(p -> p.done().complete(null));
    } catch (HookstreamException e) {
      if (e.code() == ErrorCode.UNAVAILABLE || batch.size() == 1) {
        batch.forEach(p -> p.done().completeExceptionally(e));
        return;
      }
      for (Pending p : batch) { // find the row at fault: each on its own
        try {
          jdbc.update(sql, p.values());
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

  /**
   * Waits without reacting to interrupts: a caller that left the queue while it may still be
   * handed the lead would leave every later caller waiting.
   */
  private static void awaitQuietly(CompletableFuture<?> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      // the outcome is read from the row's own future
    }
  }

  /** Returns if the row was committed; otherwise throws its failure (a fresh exception). */
  private static void outcome(Pending p) {
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
