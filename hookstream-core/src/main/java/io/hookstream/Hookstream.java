package io.hookstream;

import io.hookstream.auth.ApiKeyService;
import io.hookstream.auth.OrganizationService;
import io.hookstream.connection.ConnectionService;
import io.hookstream.connection.internal.ConnectionChecks;
import io.hookstream.delivery.CircuitBreakers;
import io.hookstream.delivery.CircuitSettings;
import io.hookstream.delivery.DeliveryScheduler;
import io.hookstream.delivery.DeliveryService;
import io.hookstream.delivery.RunResult;
import io.hookstream.delivery.TaskFactory;
import io.hookstream.destination.DestinationService;
import io.hookstream.event.EventService;
import io.hookstream.event.RetentionJob;
import io.hookstream.event.internal.EventBodies;
import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.ingest.internal.ClientIpResolver;
import io.hookstream.ingest.internal.ClientIpStep;
import io.hookstream.ingest.internal.DedupStep;
import io.hookstream.ingest.internal.IngestPipeline;
import io.hookstream.ingest.internal.IpFilterStep;
import io.hookstream.ingest.internal.SchemaStep;
import io.hookstream.ingest.internal.PersistStep;
import io.hookstream.ingest.internal.SignatureStep;
import io.hookstream.internal.ExpiringCache;
import io.hookstream.internal.Ids;
import io.hookstream.issue.IssueService;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.internal.DashjoinTransformEngine;
import io.hookstream.routing.internal.EventRouter;
import io.hookstream.routing.internal.RecoverySweep;
import io.hookstream.routing.internal.RouteCache;
import io.hookstream.routing.internal.RouteCompiler;
import io.hookstream.secret.SecretKeys;
import io.hookstream.secret.SecretService;
import io.hookstream.secret.internal.DestinationSecrets;
import io.hookstream.secret.internal.OpeningProvider;
import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.secret.internal.SecretKeyCheck;
import io.hookstream.secret.internal.SourceSecrets;
import io.hookstream.source.SourceService;
import io.hookstream.source.internal.SourceChecks;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.ChannelBus;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.Principal;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.stream.ChannelBroadcaster;
import io.hookstream.stream.WebSocketDestinationProvider;
import io.hookstream.spi.InProcessChannelBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hookstream engine: receives webhooks, stores them, routes them to destinations. One
 * instance per application (or per test); several may share one store. Build with {@link
 * #builder()}, then {@link #start()}; {@link #close()} stops background work.
 *
 * <pre>{@code
 * Hookstream hs = Hookstream.builder()
 *     .store(new InMemoryStore())
 *     .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
 *     .blobStore(new InMemoryBlobStore())
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Thread-safe. Every service method may throw {@link HookstreamException} for bad input
 * (with the field named), unknown ids (404) or an unavailable store (503).
 */
public final class Hookstream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Hookstream.class);

  private final Store store;
  private final BlobStore blobs;
  private final KeyValueStore keyValueStore;
  private final Clock clock;
  private final Limits limits;
  private final Ids ids;
  private final String instanceId;
  private final List<Authenticator> authenticators;
  private final OrganizationService organizations;
  private final ApiKeyService apiKeys;
  private final SourceService sources;
  private final SecretService secrets;
  private final ExpiringCache<String, SourceRecord> sourceCache;
  private final DestinationService destinations;
  private final ConnectionService connections;
  private final EventService events;
  private final IssueService issues;
  private final CircuitBreakers circuits;
  private final DeliveryService deliveries;
  private final DeliveryScheduler scheduler;
  private final EventRouter router;
  private final RecoverySweep recovery;
  private final IngestPipeline pipeline;
  private final ClientIpResolver clientIps;
  private final ThreadPoolExecutor routingExecutor;
  private final ScheduledExecutorService timers;
  private final Duration recoveryInterval;
  private final RetentionJob retention;
  private final Duration retentionInterval;
  private final ChannelBus bus;
  private final boolean ownsBus;
  private final ChannelBroadcaster streams;
  private final Map<String, DestinationProvider> providers;
  private volatile boolean started;
  private volatile boolean closed;

  private Hookstream(Builder b) {
    this.store = b.store;
    this.blobs = b.blobStore;
    this.keyValueStore = b.keyValueStore;
    this.clock = b.clock;
    this.limits = b.limits;
    this.ids = new Ids(clock);
    this.instanceId = b.instanceId;
    this.recoveryInterval = b.recoveryInterval;
    this.retention = new RetentionJob(store, blobs, b.keyValueStore, clock, b.archiveBeforePurge,
        RetentionJob.DEFAULT_BATCH_SIZE);
    this.retentionInterval = b.retentionInterval;
    this.organizations = new OrganizationService(store, clock, ids);
    this.apiKeys = new ApiKeyService(store, clock, ids);
    List<Authenticator> auth = new ArrayList<>();
    auth.add(apiKeys);
    auth.addAll(b.authenticators);
    this.authenticators = List.copyOf(auth);
    this.sourceCache = new ExpiringCache<>(clock, b.sourceCacheTtl,
        ExpiringCache.DEFAULT_MAX_ENTRIES);
    SecretCipher cipher = b.secretKeys == null ? SecretCipher.plaintext()
        : SecretCipher.with(b.secretKeys);
    SecretKeyCheck.verify(store, cipher); // before anything here writes
    if (!cipher.encrypts()) {
      LOG.warn("engine {}: no secret keys configured (Hookstream.Builder.secretKeys), so"
          + " verification secrets and destination credentials are stored in plaintext",
          instanceId);
    }
    SourceSecrets sourceSecrets = new SourceSecrets(cipher);
    this.sources = new SourceService(store, clock, ids, new SourceChecks(), b.ingestBaseUrl,
        sourceSecrets, sourceCache::invalidate);
    this.ownsBus = b.channelBus == null;
    this.bus = ownsBus
        ? new InProcessChannelBus(b.streamBusCapacity, "hookstream-stream-" + instanceId)
        : b.channelBus;
    this.streams = new ChannelBroadcaster(bus, ownsBus);
    Map<String, DestinationProvider> all = new LinkedHashMap<>(b.providers);
    all.putIfAbsent(WebSocketDestinationProvider.TYPE,
        new WebSocketDestinationProvider(streams, store));
    this.providers = Map.copyOf(all);
    DestinationSecrets destinationSecrets = new DestinationSecrets(cipher, providers);
    this.destinations = new DestinationService(store, clock, ids, providers, destinationSecrets,
        this::destinationSwitched);
    this.secrets = new SecretService(store, cipher, sourceSecrets, destinationSecrets,
        sourceCache::invalidate);
    Map<String, DestinationProvider> opening = new LinkedHashMap<>();
    providers.forEach((type, p) -> opening.put(type, new OpeningProvider(p, destinationSecrets)));
    this.events = new EventService(store, blobs);
    TransformEngine transforms = new DashjoinTransformEngine(b.transformTimeLimit,
        DashjoinTransformEngine.DEFAULT_MAX_DEPTH);
    RouteCache routes = new RouteCache(store, clock, b.routeCacheTtl,
        new RouteCompiler(transforms));
    TaskFactory tasks = new TaskFactory(clock, ids);
    this.issues = new IssueService(store, clock, ids, streams::issueChanged);
    this.circuits = new CircuitBreakers(store, clock, b.circuitSettings);
    this.deliveries = new DeliveryService(store, clock, tasks);
    this.scheduler = DeliveryScheduler.builder(store, clock, opening, ids)
        .issues(issues).circuits(circuits).blobs(blobs).owner(instanceId)
        .attemptListener(streams::deliveryAttempted)
        .destinationListener(this::destinationSwitched)
        .workerThreads(b.deliveryThreads).leaseDuration(b.deliveryLease)
        .pollInterval(b.deliveryPollInterval)
        .heartbeat(b.heartbeatInterval, b.missedHeartbeats).build();
    this.router = new EventRouter(store, clock, tasks, routes, new EventBodies(blobs)::of,
        scheduler::wake);
    this.connections = new ConnectionService(store, clock, ids,
        new ConnectionChecks(store, transforms), c -> router.invalidate(c.sourceId()));
    this.recovery = new RecoverySweep(store, clock, router, b.recoveryGrace);
    this.routingExecutor = new ThreadPoolExecutor(b.routingThreads, b.routingThreads, 30,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(b.routingQueueSize),
        daemonThreads("hookstream-route-" + instanceId));
    this.timers = Executors.newSingleThreadScheduledExecutor(
        daemonThreads("hookstream-timer-" + instanceId));
    // The documented order: client IP → denylist → allowlist → signature → dedup → schema.
    List<IngestStep> steps = new ArrayList<>();
    this.clientIps = new ClientIpResolver(b.trustedProxies);
    steps.add(new ClientIpStep(clientIps));
    steps.add(new IpFilterStep());
    steps.add(new SignatureStep(SignatureStep.DEFAULT_MAX_SOURCES, cipher::open));
    steps.add(new DedupStep(b.keyValueStore));
    steps.add(new SchemaStep());
    steps.addAll(b.ingestSteps);
    steps.add(new PersistStep(store, blobs, limits.inlineBodyBytes(), router::tasksFor,
        this::dispatch));
    this.pipeline = new IngestPipeline(steps);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts background work: the delivery scheduler and the recovery sweep. Idempotent. Returns
   * this engine.
   */
  public synchronized Hookstream start() {
    if (closed) {
      throw new IllegalStateException("engine " + instanceId + " is closed");
    }
    if (!started) {
      started = true;
      long every = recoveryInterval.toMillis();
      timers.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
      long purgeEvery = retentionInterval.toMillis();
      timers.scheduleWithFixedDelay(this::purgeQuietly, purgeEvery, purgeEvery,
          TimeUnit.MILLISECONDS);
      scheduler.start();
      LOG.info("hookstream engine {} started", instanceId);
    }
    return this;
  }

  /**
   * Receives one webhook for {@code sourceId}: runs the ingest pipeline (IP filter, signature,
   * dedup, schema) and stores the event. When this returns the event is durable; routing and
   * delivery happen in the background.
   *
   * @throws HookstreamException 404 for an unknown or deleted source, 413 for a body over the
   *     limit, 403/401/422 when a pipeline step rejects the request, 503 if the store is down
   */
  public IngestResult ingest(String sourceId, IngestRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new HookstreamException(ErrorCode.UNAVAILABLE, "engine is shutting down");
    }
    if (request.body().length > limits.maxBodyBytes()) {
      throw new HookstreamException(ErrorCode.PAYLOAD_TOO_LARGE, "body is "
          + request.body().length + " bytes; the limit is " + limits.maxBodyBytes());
    }
    SourceRecord source = sourceId == null ? null
        : sourceCache.get(sourceId, store.sources()::findForIngest).filter(s -> !s.deleted())
            .orElse(null);
    if (source == null) {
      throw HookstreamException.notFound("source", sourceId);
    }
    return pipeline.run(new IngestContext(source, request, clock, ids.next("evt")));
  }

  /** Resolves credentials with the API key authenticator, then the host's, in order. */
  public Optional<Principal> authenticate(Authenticator.Credentials credentials) {
    for (Authenticator a : authenticators) {
      Optional<Principal> p = a.authenticate(credentials);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  /**
   * Routes every stored event that was never routed (older than the recovery grace period).
   * Runs by itself every recovery interval; tests call it directly. Returns how many it routed.
   */
  public int recoverUnroutedEvents() {
    return recovery.runOnce();
  }

  public OrganizationService organizations() {
    return organizations;
  }

  public ApiKeyService apiKeys() {
    return apiKeys;
  }

  public SourceService sources() {
    return sources;
  }

  /** Secrets at rest: the primary key id and the re-encrypt step after a key rotation. */
  public SecretService secrets() {
    return secrets;
  }

  public DestinationService destinations() {
    return destinations;
  }

  public ConnectionService connections() {
    return connections;
  }

  public EventService events() {
    return events;
  }

  /**
   * Live streaming: publish to and subscribe to this organization's {@code event}, {@code
   * delivery}, {@code issue} and {@code event.delivered} messages (the WebSocket endpoints use
   * it). Messages travel through the builder's {@link ChannelBus}.
   */
  public ChannelBroadcaster streams() {
    return streams;
  }

  /** The destination types this engine delivers to, by type (including {@code websocket}). */
  public Map<String, DestinationProvider> providers() {
    return providers;
  }

  /** Retrying events, attempts and issues. */
  public DeliveryService deliveries() {
    return deliveries;
  }

  /** Circuit breaker state per destination, and manual reset. */
  public CircuitBreakers circuits() {
    return circuits;
  }

  public IssueService issues() {
    return issues;
  }

  /**
   * Claims and delivers every delivery task due now, on the calling thread, and returns what it
   * did. With a {@code ManualClock}: advance the clock, then call this, to watch a retry
   * schedule play out without waiting. The scheduler also runs by itself once started.
   */
  public RunResult runDueDeliveries() {
    return scheduler.runDueNow();
  }

  /**
   * Runs the retention purge now (the engine also runs it every retention interval): events
   * older than their environment's retention, with their tasks, attempts and body blobs, then
   * expired key-value entries. See {@link RetentionJob}.
   */
  public RetentionJob.Result runRetention() {
    return retention.runOnce();
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The engine's key-value store, for hosts that keep short-lived shared state beside it (the
   * servlet binding keeps its rate-limit counters there, so limits hold across nodes).
   */
  public KeyValueStore keyValueStore() {
    return keyValueStore;
  }

  /** True between {@link #start()} and {@link #close()}: the engine accepts work. */
  public boolean isRunning() {
    return started && !closed;
  }

  /**
   * The client address of a request from {@code remoteAddress}, resolved as ingest resolves it
   * (see {@link Builder#trustedProxies}): for per-address rate limits and logs in front of the
   * engine. {@code headers} gives the values of a lower-case header name, empty when absent.
   */
  public String clientIp(String remoteAddress, Function<String, List<String>> headers) {
    return clientIps.resolve(remoteAddress, Objects.requireNonNull(headers, "headers"));
  }

  public Limits limits() {
    return limits;
  }

  /** This engine's node id: its lease owner name and heartbeat row in the store. */
  public String nodeId() {
    return instanceId;
  }

  /** The same as {@link #nodeId()}. */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Stops background work: no new routing, queued hand-offs finish for up to five seconds (the
   * rest are picked up by a recovery sweep later); in-flight deliveries finish within the
   * scheduler's grace period or their leases are released; providers that are {@link
   * AutoCloseable} are closed. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.shutdownNow();
    routingExecutor.shutdown();
    try {
      if (!routingExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
        routingExecutor.shutdownNow();
      }
    } catch (InterruptedException e) {
      routingExecutor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    scheduler.close();
    for (DestinationProvider provider : providers.values()) {
      if (provider instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("closing destination provider {} failed", provider.type(), e);
        }
      }
    }
    streams.close();
    if (ownsBus) {
      bus.close();
    }
    LOG.info("hookstream engine {} closed", instanceId);
  }

  /** A destination disabled or re-enabled: subscribers hear of it; its parked tasks go now. */
  private void destinationSwitched(DestinationRecord d) {
    streams.destinationChanged(d);
    if (d.disabledReason() == null) {
      scheduler.wake();
    }
  }

  private void dispatch(EventRecord event) {
    streams.eventReceived(event);
    if (event.routedAt() != null) { // routed at ingest: its tasks, if any, are stored
      if (event.status() == EventStatus.PROCESSING) {
        scheduler.wake();
      }
      return;
    }
    try {
      routingExecutor.execute(() -> routeQuietly(event));
    } catch (RejectedExecutionException e) {
      // Durable already: the recovery sweep routes it once the grace period has passed.
      LOG.debug("routing queue full or closed; event {} left to the recovery sweep", event.id());
    }
  }

  private void routeQuietly(EventRecord event) {
    try {
      router.route(event);
    } catch (RuntimeException e) {
      LOG.warn("routing event {} failed; the recovery sweep will retry it", event.id(), e);
    }
  }

  private void purgeQuietly() {
    try {
      retention.runOnce();
    } catch (RuntimeException e) {
      LOG.warn("retention purge failed; it will run again", e);
    }
  }

  private void sweepQuietly() {
    try {
      recovery.runOnce();
    } catch (RuntimeException e) {
      LOG.warn("recovery sweep failed; it will run again", e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Configures a {@link Hookstream}. Store, key-value store and blob store are required; all
   * else has defaults. Rejects bad values at once. Not thread-safe.
   */
  public static final class Builder {
    public static final Duration DEFAULT_RECOVERY_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_ROUTE_CACHE_TTL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SOURCE_CACHE_TTL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofHours(1);
    public static final String DEFAULT_INGEST_BASE_URL = "http://localhost:8080";
    public static final int DEFAULT_STREAM_BUS_CAPACITY = 10_000;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private Store store;
    private KeyValueStore keyValueStore;
    private BlobStore blobStore;
    private Clock clock = Clock.system();
    private Limits limits = Limits.DEFAULT;
    private final Map<String, DestinationProvider> providers = new LinkedHashMap<>();
    private final List<Authenticator> authenticators = new ArrayList<>();
    private final List<IngestStep> ingestSteps = new ArrayList<>();
    private String ingestBaseUrl = DEFAULT_INGEST_BASE_URL;
    private String instanceId = "hs-" + UUID.randomUUID().toString().substring(0, 8);
    private Duration recoveryGrace = DEFAULT_RECOVERY_GRACE;
    private Duration recoveryInterval = DEFAULT_RECOVERY_INTERVAL;
    private Duration retentionInterval = DEFAULT_RETENTION_INTERVAL;
    private boolean archiveBeforePurge;
    private Duration routeCacheTtl = DEFAULT_ROUTE_CACHE_TTL;
    private Duration sourceCacheTtl = DEFAULT_SOURCE_CACHE_TTL;
    private TrustedProxies trustedProxies = TrustedProxies.none();
    private Duration transformTimeLimit = DashjoinTransformEngine.DEFAULT_TIME_LIMIT;
    private CircuitSettings circuitSettings = CircuitSettings.DEFAULT;
    private int deliveryThreads = DeliveryScheduler.DEFAULT_WORKER_THREADS;
    private Duration deliveryLease = DeliveryScheduler.DEFAULT_LEASE;
    private Duration deliveryPollInterval = DeliveryScheduler.DEFAULT_POLL_INTERVAL;
    private Duration heartbeatInterval = DeliveryScheduler.DEFAULT_HEARTBEAT_INTERVAL;
    private int missedHeartbeats = DeliveryScheduler.DEFAULT_MISSED_HEARTBEATS;
    private int routingThreads = 2;
    private int routingQueueSize = 10_000;
    private ChannelBus channelBus;
    private SecretKeys secretKeys;
    private int streamBusCapacity = DEFAULT_STREAM_BUS_CAPACITY;

    private Builder() {}

    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder keyValueStore(KeyValueStore kv) {
      this.keyValueStore = Objects.requireNonNull(kv, "keyValueStore");
      return this;
    }

    public Builder blobStore(BlobStore blobs) {
      this.blobStore = Objects.requireNonNull(blobs, "blobStore");
      return this;
    }

    /** The engine's time; defaults to the system clock. Tests pass a ManualClock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Adds a destination type; a later provider of the same type replaces an earlier one. */
    public Builder provider(DestinationProvider provider) {
      providers.put(Objects.requireNonNull(provider, "provider").type(), provider);
      return this;
    }

    /** Adds a host authenticator, tried after the built-in API key check. */
    public Builder authenticator(Authenticator authenticator) {
      authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
      return this;
    }

    /** Adds a custom ingest step, run after the built-in checks and before the event is stored. */
    public Builder ingestStep(IngestStep step) {
      ingestSteps.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /** The public base URL senders reach this engine at; source URLs are built from it. */
    public Builder ingestBaseUrl(String url) {
      java.net.URI uri = java.net.URI.create(Objects.requireNonNull(url, "url"));
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("ingestBaseUrl must be an absolute URL: " + url);
      }
      this.ingestBaseUrl = url;
      return this;
    }

    /**
     * This engine's node id: its lease owner name and heartbeat row in the store. It must be
     * unique among the engines sharing a store (two engines with one id take each other's leases)
     * and stable across restarts of one engine: a restart then takes back its leases at once.
     * Default: a random id, so a restarted engine's old leases wait for heartbeat detection
     * (about 20-25 s). 1-100 characters of letters, digits, {@code . _ : -}.
     */
    public Builder nodeId(String id) {
      if (id == null || !NODE_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "nodeId must be 1-100 characters of letters, digits, '.', '_', ':' or '-': " + id);
      }
      this.instanceId = id;
      return this;
    }

    /** The same as {@link #nodeId(String)}. */
    public Builder instanceId(String id) {
      return nodeId(id);
    }

    /**
     * How often (clock time) this engine writes its heartbeat, and how many beats an engine may
     * miss before the others declare it dead and release its leases. Default 5 s and 4: a dead
     * engine's work moves to the others 20-25 s after its last beat.
     */
    public Builder heartbeat(Duration interval, int missedBeats) {
      if (missedBeats < 2) {
        throw new IllegalArgumentException("missedHeartbeats must be >= 2: " + missedBeats);
      }
      this.heartbeatInterval = positive(interval, "heartbeat interval");
      this.missedHeartbeats = missedBeats;
      return this;
    }

    /** How old an unrouted event must be before the recovery sweep routes it (default 30 s). */
    public Builder recoveryGrace(Duration grace) {
      this.recoveryGrace = positive(grace, "recoveryGrace");
      return this;
    }

    /** How often the recovery sweep runs, in real time (default 10 s). */
    public Builder recoveryInterval(Duration interval) {
      this.recoveryInterval = positive(interval, "recoveryInterval");
      return this;
    }

    /**
     * How long routes stay cached (default 5 s): the delay before a connection changed through
     * another engine on the same store takes effect here.
     */
    public Builder routeCacheTtl(Duration ttl) {
      this.routeCacheTtl = Objects.requireNonNull(ttl, "routeCacheTtl");
      return this;
    }

    /**
     * How long ingest keeps a source it looked up (default 5 s): the delay before a source
     * changed or deleted through another engine on the same store takes effect here. Changes
     * made through this engine take effect at once. Zero reads the store on every request.
     */
    public Builder sourceCacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "sourceCacheTtl");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("sourceCacheTtl must not be negative: " + ttl);
      }
      this.sourceCacheTtl = ttl;
      return this;
    }

    /**
     * Proxies whose {@code CF-Connecting-IP} / {@code X-Forwarded-For} / {@code Forwarded}
     * headers are believed, for the IP allow/deny lists, the stored {@code source_ip} and (through
     * {@link #clientIp}) the servlet module's per-address rate limit. Default none: the client IP
     * is the transport's remote address, because any sender can forge those headers.
     */
    public Builder trustedProxies(TrustedProxies proxies) {
      this.trustedProxies = Objects.requireNonNull(proxies, "trustedProxies");
      return this;
    }

    /** The longest a JSONata transform may run on one event (default 1 s). */
    public Builder transformTimeLimit(Duration limit) {
      this.transformTimeLimit = positive(limit, "transformTimeLimit");
      return this;
    }

    /** Circuit breaker thresholds: failures to open (5) and cooldown (60 s). */
    public Builder circuitSettings(CircuitSettings settings) {
      this.circuitSettings = Objects.requireNonNull(settings, "circuitSettings");
      return this;
    }

    /**
     * Delivery workers (default 32), the lease a claimed task is held under (default 60 s,
     * always longer than the destination's timeout), and how often the scheduler looks for due
     * work in real time (default 1 s; new work and manual-clock moves wake it at once).
     */
    public Builder delivery(int threads, Duration lease, Duration pollInterval) {
      if (threads < 1) {
        throw new IllegalArgumentException("delivery threads must be positive: " + threads);
      }
      this.deliveryThreads = threads;
      this.deliveryLease = positive(lease, "lease");
      this.deliveryPollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /**
     * How often the retention purge runs in real time (default 1 h) and whether it first
     * archives purged events as NDJSON to the blob store (default false).
     */
    public Builder retention(Duration interval, boolean archive) {
      this.retentionInterval = positive(interval, "retention interval");
      this.archiveBeforePurge = archive;
      return this;
    }

    /** Threads routing accepted events (default 2) and their queue size (default 10,000). */
    public Builder routing(int threads, int queueSize) {
      if (threads < 1 || queueSize < 1) {
        throw new IllegalArgumentException("routing threads and queue size must be positive");
      }
      this.routingThreads = threads;
      this.routingQueueSize = queueSize;
      return this;
    }

    /**
     * The bus live-stream messages travel through. Default: an in-JVM bus owned by the engine
     * (subscribers on this node only; closed with the engine). Pass a shared bus (for example
     * PostgreSQL LISTEN/NOTIFY) so subscribers on every node see every node's events; the host
     * closes a bus it passed.
     */
    public Builder channelBus(ChannelBus bus) {
      this.channelBus = Objects.requireNonNull(bus, "channelBus");
      return this;
    }

    /**
     * How many messages the default in-JVM bus holds before it drops new ones (default 10,000);
     * ignored when {@link #channelBus} is set.
     */
    public Builder streamBusCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("streamBusCapacity must be positive: " + capacity);
      }
      this.streamBusCapacity = capacity;
      return this;
    }

    /**
     * The AES-256 keys that encrypt verification secrets and destination credentials in the
     * store: the primary key writes, older keys only read (see {@link SecretKeys#parse}). Without
     * keys, secrets are stored in plaintext (still masked on every read) and the engine logs a
     * warning at build. {@link #build} fails if the store holds secrets these keys cannot open.
     */
    public Builder secretKeys(SecretKeys keys) {
      this.secretKeys = Objects.requireNonNull(keys, "secretKeys");
      return this;
    }

    public Hookstream build() {
      if (store == null || keyValueStore == null || blobStore == null) {
        throw new IllegalStateException(
            "store, keyValueStore and blobStore are required (for example the in-memory ones"
                + " from hookstream-store-memory)");
      }
      return new Hookstream(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
