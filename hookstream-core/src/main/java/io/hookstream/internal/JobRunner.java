package io.hookstream.internal;

import io.hookstream.spi.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's background jobs on the engine clock. A job is due when the clock reaches its
 * next run; after a run (failed or not) the next one is an interval later. {@link #runDue()} runs
 * every due job on the caller's thread, in the order the jobs were given. Once {@link #start
 * started} on a clock that moves by itself, one scheduler thread looks for due jobs every {@code
 * maxPollInterval} of real time (or the shortest job interval) and hands each to a worker, so a
 * long purge never delays a heartbeat; on a clock a test moves, nothing runs unless {@link
 * #runDue()} is called. A job never runs twice at once. Thread-safe.
 */
public final class JobRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final Clock clock;
  private final List<Slot> slots = new ArrayList<>();
  private final Duration pollInterval;
  private final String threadPrefix;
  private final Object lifecycle = new Object();
  private ScheduledExecutorService poller;
  private ExecutorService workers;
  private boolean closed;

  /** Jobs scheduled from the clock's current time; {@code threadPrefix} names the threads. */
  public JobRunner(Clock clock, List<Job> jobs, Duration maxPollInterval, String threadPrefix) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.threadPrefix = Objects.requireNonNull(threadPrefix, "threadPrefix");
    Duration poll = Objects.requireNonNull(maxPollInterval, "maxPollInterval");
    Instant now = clock.now();
    for (Job job : jobs) {
      slots.add(new Slot(job, job.atStart() ? now : now.plus(job.interval())));
      poll = job.interval().compareTo(poll) < 0 ? job.interval() : poll;
    }
    this.pollInterval = poll;
  }

  /**
   * Runs every job due at the clock's current time, in order, on this thread; a job that fails is
   * logged and the others still run. Returns the names of the jobs that ran.
   */
  public List<String> runDue() {
    Instant now = clock.now();
    List<String> ran = new ArrayList<>();
    for (Slot slot : slots) {
      slot.lock.lock();
      try {
        if (slot.runIfDue(now)) {
          ran.add(slot.job.name());
        }
      } finally {
        slot.lock.unlock();
      }
    }
    return ran;
  }

  /** Starts the scheduler thread if the clock moves by itself; idempotent until closed. */
  public void start() {
    synchronized (lifecycle) {
      if (closed || poller != null || !clock.movesByItself()) {
        return;
      }
      workers = Executors.newCachedThreadPool(Threads.daemon(threadPrefix + "-job"));
      poller = Executors.newSingleThreadScheduledExecutor(Threads.daemon(threadPrefix + "-jobs"));
      long every = Math.max(1, pollInterval.toMillis());
      poller.scheduleWithFixedDelay(this::handOutDue, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the threads; a job running now is interrupted. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      if (poller != null) {
        poller.shutdownNow();
        workers.shutdownNow();
      }
    }
  }

  /** The scheduler thread's round: each due job that is not running goes to a worker. */
  private void handOutDue() {
    Instant now = clock.now();
    for (Slot slot : slots) {
      if (slot.dueAt(now) && !slot.lock.isLocked()) {
        try {
          workers.execute(() -> runInBackground(slot));
        } catch (RejectedExecutionException e) {
          return; // closing
        }
      }
    }
  }

  private void runInBackground(Slot slot) {
    if (!slot.lock.tryLock()) {
      return; // already running, or a caller of runDue() has it
    }
    try {
      slot.runIfDue(clock.now());
    } finally {
      slot.lock.unlock();
    }
  }

  /** One job and its next run; the lock keeps two runs of it apart. */
  private static final class Slot {
    final Job job;
    final ReentrantLock lock = new ReentrantLock();
    private volatile Instant next;

    Slot(Job job, Instant first) {
      this.job = job;
      this.next = first;
    }

    boolean dueAt(Instant now) {
      return !now.isBefore(next);
    }

    /** Runs the job if due at {@code now}; the caller holds the lock. */
    boolean runIfDue(Instant now) {
      if (!dueAt(now)) {
        return false;
      }
      next = now.plus(job.interval());
      try {
        job.task().run();
      } catch (RuntimeException e) {
        log.warn("background job {} failed; it runs again in {}", job.name(), job.interval(), e);
      }
      return true;
    }
  }
}
