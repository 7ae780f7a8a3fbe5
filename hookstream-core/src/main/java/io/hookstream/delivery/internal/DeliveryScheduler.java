package io.hookstream.delivery.internal;

import io.hookstream.delivery.RunResult;
import io.hookstream.delivery.internal.TaskRunner.Outcome;
import io.hookstream.internal.Ids;
import io.hookstream.issue.internal.IssueTracker;
import io.hookstream.observe.internal.Observers;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers durable {@link io.hookstream.spi.store.DeliveryTask}s: claims due tasks under a lease,
 * destination by destination, delivers each through its destination type's provider and settles it
 * with its attempt (success, retry at a time, or dead letter queue). Leases are renewed while a
 * delivery runs, so delivery is at least once. The lease owner is the node id: before its first
 * claim, a scheduler that starts under the id of a node that crashed takes back that node's leases
 * at once (a node that stops beating is found by {@link NodeHeartbeat}, a job of the engine's job
 * runner). The engine builds it; it is not API.
 *
 * <p>All time comes from the {@link Clock}. After {@link #start()} a dispatcher thread polls every
 * {@code pollInterval}, wakes at once when a clock that moves when told advances or {@link #wake()}
 * is called, and hands work to {@code workerThreads} worker threads. Without starting it, {@link
 * #runDueNow()} does the same work synchronously on the caller's thread, for tests.
 *
 * <p>Thread-safe. A failing store or provider never kills the scheduler: the round is logged and
 * retried at the next poll. Several schedulers (nodes) may share one store.
 */
public final class DeliveryScheduler implements AutoCloseable {

  public static final int DEFAULT_BATCH_SIZE = 64;
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  /**
   * Workers block on the destination's network round trip, so there are more of them than cores; 32
   * lets one destination use its default 10 in flight (a destination may use at most half the
   * workers).
   */
  public static final int DEFAULT_WORKER_THREADS = 32;

  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);
  private static final int MAX_ROUNDS = 1_000_000;

  private final Store store;
  private final Clock clock;
  private final String owner;
  private final int batchSize;
  private final Duration lease;
  private final Duration pollInterval;
  private final int workerThreads;
  private final Duration shutdownGrace;
  private final TaskClaimer claimer;
  private final TaskRunner runner;
  private final AdaptiveLimits limits;
  private final InFlight held = new InFlight();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final AtomicBoolean fullScanPending = new AtomicBoolean();
  private final Set<String> hinted = ConcurrentHashMap.newKeySet();
  private volatile boolean nodeFull;
  private final Runnable clockListener = this::wake;
  private final Object lifecycle = new Object();
  private final Object takeBackLock = new Object();

  private ScheduledExecutorService dispatcher;
  private ThreadPoolExecutor workers;
  private volatile boolean running;
  private boolean closed;
  private Instant lastRenewal;
  private boolean tookBack;

  private DeliveryScheduler(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.owner = b.owner != null ? b.owner : "sched-" + UUID.randomUUID();
    this.batchSize = b.batchSize;
    this.lease = b.lease;
    this.pollInterval = b.pollInterval;
    this.workerThreads = b.workerThreads;
    this.shutdownGrace = b.shutdownGrace;
    int workerShare = Math.max(1, workerThreads / 2);
    this.limits = new AdaptiveLimits(clock, b.adaptiveConcurrency, workerShare);
    this.claimer = new TaskClaimer(store, clock, b.circuits, owner, lease, workerShare, limits);
    this.runner =
        new TaskRunner(
            store,
            clock,
            b.ids,
            owner,
            b.providers,
            b.blobs,
            b.circuits,
            b.issues,
            b.attemptListener,
            b.observers,
            b.destinationListener,
            this::answered,
            limits);
  }

  /**
   * A builder. {@code providers} maps destination type ({@code http}, ...) to its provider; a task
   * of a type without a provider fails with error type {@code rejected}. Failures are recorded into
   * {@code issues}; {@code circuits} is the engine's circuit breaker logic.
   */
  public static Builder builder(
      Store store,
      Clock clock,
      Map<String, DestinationProvider> providers,
      Ids ids,
      IssueTracker issues,
      CircuitLogic circuits) {
    return new Builder(store, clock, providers, ids, issues, circuits);
  }

  /** The node id this scheduler claims tasks as (the lease owner). */
  public String owner() {
    return owner;
  }

  /** This engine changed or deleted destination {@code id}: the next claim reads it afresh. */
  public void destinationChanged(String id) {
    claimer.destinationChanged(id);
  }

  /** This node's adaptive concurrency limit per destination. */
  public AdaptiveLimits limits() {
    return limits;
  }

  /** Starts the dispatcher and the workers; throws IllegalStateException if started or closed. */
  public void start() {
    synchronized (lifecycle) {
      if (dispatcher != null || closed) {
        throw new IllegalStateException("scheduler already started or closed");
      }
      AtomicInteger n = new AtomicInteger();
      dispatcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, owner + "-dispatch"));
      workers =
          new ThreadPoolExecutor(
              workerThreads,
              workerThreads,
              0,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> daemon(r, owner + "-worker-" + n.incrementAndGet()));
      running = true;
      dispatcher.scheduleWithFixedDelay(
          () -> round(true), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      clock.onAdvance(clockListener);
    }
  }

  /** Asks the started scheduler to look for due work now (for example after new tasks). */
  public void wake() {
    fullScanPending.set(true);
    dispatch();
  }

  /**
   * Asks the started scheduler to claim for {@code destinationId}, which has a free slot: a round
   * that needs no scan for destinations with due work, unless a full one is pending too.
   */
  private void wakeFor(String destinationId) {
    hinted.add(destinationId);
    dispatch();
  }

  private void dispatch() {
    ScheduledExecutorService d = dispatcher;
    if (!running || d == null || !wakePending.compareAndSet(false, true)) {
      return;
    }
    try {
      d.execute(
          () -> {
            wakePending.set(false);
            round(fullScanPending.getAndSet(false));
          });
    } catch (RejectedExecutionException e) {
      wakePending.set(false); // closing
    }
  }

  /**
   * Claims and runs everything due at the clock's current time on the caller's thread, round after
   * round until nothing is due, and says what happened. Retries scheduled for later are not run;
   * advance the clock and call again. The first call takes back this node id's leases. A store
   * failure propagates (the tasks it held are retried once their leases expire).
   */
  public RunResult runDueNow() {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    int claimed = 0;
    takeBackOnce(clock.now());
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Instant now = clock.now();
      List<Work> works = claimer.claim(batchSize, now, held);
      if (works.isEmpty()) {
        break;
      }
      claimed += works.size();
      for (Work w : works) {
        counts.merge(runner.run(w), 1, Integer::sum);
      }
    }
    return new RunResult(
        claimed,
        counts.getOrDefault(Outcome.SUCCEEDED, 0),
        counts.getOrDefault(Outcome.RETRYING, 0),
        counts.getOrDefault(Outcome.DEAD, 0),
        counts.getOrDefault(Outcome.CANCELLED, 0),
        counts.getOrDefault(Outcome.LOST, 0));
  }

  /**
   * Stops claiming, gives back the leases of claimed tasks not yet started, waits up to the
   * shutdown grace for running deliveries, then interrupts them (their leases expire and another
   * node delivers them again). Idempotent.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      if (dispatcher == null) {
        return;
      }
      clock.removeListener(clockListener);
      dispatcher.shutdown();
      try {
        dispatcher.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        List<Runnable> queued = new ArrayList<>();
        workers.getQueue().drainTo(queued);
        releaseAll(queued);
        workers.shutdown();
        if (!workers.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn(
              "{} deliveries still running after the shutdown grace; interrupting them",
              workers.getActiveCount());
          workers.shutdownNow();
        }
      } catch (InterruptedException e) {
        workers.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Gives back the leases of claimed tasks no worker started. */
  private void releaseAll(List<Runnable> queued) {
    Instant now = clock.now();
    RuntimeException first = null;
    int failed = 0;
    for (Runnable r : queued) {
      Work w = ((WorkItem) r).work;
      held.remove(w);
      try {
        claimer.release(w.task(), now);
      } catch (RuntimeException e) {
        failed++;
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      log.warn(
          "could not release {} claimed tasks at close; their leases will expire", failed, first);
    }
  }

  /**
   * One dispatcher round: renew leases, claim and hand out work. A full round asks the store which
   * destinations have due work; otherwise only the hinted destinations are claimed for.
   */
  private void round(boolean full) {
    if (!running) {
      return;
    }
    try {
      Instant now = clock.now();
      takeBackOnce(now);
      renewLeases(now);
      Set<String> only = null;
      if (!full) {
        only = new HashSet<>(hinted);
        hinted.removeAll(only);
      }
      int slots = batchSize - held.size();
      List<Work> works = claimer.claim(slots, now, held, only);
      // Out of room: a freed slot may be any destination's, so the next round looks at all.
      nodeFull = works.size() >= slots;
      for (Work w : works) {
        held.add(w);
        workers.execute(new WorkItem(w));
      }
    } catch (RejectedExecutionException e) {
      log.debug("scheduler {} is closing; round stopped", owner);
    } catch (RuntimeException e) {
      log.warn("delivery round of {} failed; retrying at the next poll", owner, e);
    }
  }

  /** Renews the leases of held tasks every third of the lease, so long deliveries keep them. */
  private void renewLeases(Instant now) {
    if (held.size() == 0) {
      lastRenewal = now;
      return;
    }
    if (lastRenewal != null && now.isBefore(lastRenewal.plus(lease.dividedBy(3)))) {
      return;
    }
    lastRenewal = now;
    held.byLease()
        .forEach((length, ids) -> store.deliveries().renewLeases(owner, ids, now.plus(length)));
  }

  /**
   * Before the first claim: the leases this node id still holds are from a previous run that is
   * gone (this one has the id now), so they are released at once instead of waiting to expire.
   */
  private void takeBackOnce(Instant now) {
    synchronized (takeBackLock) {
      if (tookBack) {
        return;
      }
      int released = store.deliveries().releaseLeases(owner, now);
      tookBack = true;
      if (released > 0) {
        log.info("node {} took back {} leases its previous run held", owner, released);
      }
    }
  }

  /** A delivery's answer arrived: its destination may take the next task while it settles. */
  private void answered(Work work) {
    held.answered(work);
    wakeFor(work.destinationId());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** A worker's job: run one task, then free its slot and look for more work. */
  private final class WorkItem implements Runnable {
    final Work work;

    WorkItem(Work work) {
      this.work = work;
    }

    @Override
    public void run() {
      try {
        runner.run(work);
      } catch (RuntimeException e) {
        log.warn(
            "delivering task {} failed; its lease will expire and it is retried",
            work.task().id(),
            e);
      } finally {
        held.remove(work);
        if (nodeFull) {
          wake();
        } else {
          wakeFor(work.destinationId());
        }
      }
    }
  }

  /**
   * Builds a {@link DeliveryScheduler}; rejects bad values at once. Defaults: batch size {@value
   * #DEFAULT_BATCH_SIZE}, lease 60 s (never shorter than a destination's timeout + 15 s), poll
   * every 1 s, {@value #DEFAULT_WORKER_THREADS} workers, 10 s shutdown grace.
   */
  public static final class Builder {
    private final Store store;
    private final Clock clock;
    private final Map<String, DestinationProvider> providers;
    private final Ids ids;
    private final IssueTracker issues;
    private final CircuitLogic circuits;
    private String owner;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration lease = DEFAULT_LEASE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private BlobStore blobs;
    private Consumer<AttemptRecord> attemptListener;
    private Observers observers = Observers.NONE;
    private Consumer<DestinationRecord> destinationListener;
    private boolean adaptiveConcurrency = true;

    private Builder(
        Store store,
        Clock clock,
        Map<String, DestinationProvider> providers,
        Ids ids,
        IssueTracker issues,
        CircuitLogic circuits) {
      this.store = Objects.requireNonNull(store, "store");
      this.clock = Objects.requireNonNull(clock, "clock");
      this.providers = new LinkedHashMap<>(Objects.requireNonNull(providers, "providers"));
      this.ids = Objects.requireNonNull(ids, "ids");
      this.issues = Objects.requireNonNull(issues, "issues");
      this.circuits = Objects.requireNonNull(circuits, "circuits");
    }

    /**
     * The node id, which is the lease owner: unique among the nodes sharing a store and stable
     * across restarts of one node, so that a restart takes back its leases. Random by default.
     */
    public Builder owner(String owner) {
      if (owner == null || owner.isBlank()) {
        throw new IllegalArgumentException("owner must not be blank");
      }
      this.owner = owner;
      return this;
    }

    /** The most tasks claimed in one round and held (queued or running) at once. */
    public Builder batchSize(int batchSize) {
      this.batchSize = positive(batchSize, "batchSize");
      return this;
    }

    /** How long a claim lasts before another node may take the task over. */
    public Builder leaseDuration(Duration lease) {
      this.lease = positive(lease, "leaseDuration");
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** Concurrent deliveries of this node; one destination uses at most half of them. */
    public Builder workerThreads(int workerThreads) {
      this.workerThreads = positive(workerThreads, "workerThreads");
      return this;
    }

    public Builder shutdownGrace(Duration grace) {
      Objects.requireNonNull(grace, "shutdownGrace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative: " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** Where bodies over the inline threshold are read from. */
    public Builder blobs(BlobStore blobs) {
      this.blobs = Objects.requireNonNull(blobs, "blobs");
      return this;
    }

    /** Called with every recorded attempt, on the delivering thread; must not block. */
    public Builder attemptListener(Consumer<AttemptRecord> listener) {
      this.attemptListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Told of each attempt's start and end (metrics, tracing); none by default. */
    public Builder observers(Observers observers) {
      this.observers = Objects.requireNonNull(observers, "observers");
      return this;
    }

    /** Called with a destination the scheduler disabled (after a 410); must not block. */
    public Builder destinationListener(Consumer<DestinationRecord> listener) {
      this.destinationListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Whether each destination's concurrency on this node follows its receiver (default true);
     * false holds it at the destination's max in flight, for benchmarks and diagnosis.
     */
    public Builder adaptiveConcurrency(boolean adaptive) {
      this.adaptiveConcurrency = adaptive;
      return this;
    }

    public DeliveryScheduler build() {
      return new DeliveryScheduler(this);
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1: " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
