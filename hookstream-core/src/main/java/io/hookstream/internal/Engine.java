package io.hookstream.internal;

import io.hookstream.Limits;
import io.hookstream.alert.AlertRuleService;
import io.hookstream.alert.NotificationChannelService;
import io.hookstream.alert.internal.NotificationProvider;
import io.hookstream.auth.ApiKeyService;
import io.hookstream.auth.OrganizationService;
import io.hookstream.collection.CollectionService;
import io.hookstream.collection.internal.BackfillRunner;
import io.hookstream.collection.internal.CollectionHandOff;
import io.hookstream.collection.internal.CollectionSync;
import io.hookstream.collection.internal.SyncSweep;
import io.hookstream.connection.ConnectionService;
import io.hookstream.delivery.CircuitBreakers;
import io.hookstream.delivery.DeliveryService;
import io.hookstream.delivery.RunResult;
import io.hookstream.delivery.TaskFactory;
import io.hookstream.delivery.internal.CircuitLogic;
import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.destination.DestinationService;
import io.hookstream.event.EventService;
import io.hookstream.event.RetentionJob;
import io.hookstream.event.internal.EventBodies;
import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.internal.ClientIpResolver;
import io.hookstream.ingest.internal.IngestPipeline;
import io.hookstream.issue.IssueService;
import io.hookstream.issue.internal.FailureRateIssues;
import io.hookstream.issue.internal.IssueTracker;
import io.hookstream.metrics.MetricsService;
import io.hookstream.metrics.internal.RollupJob;
import io.hookstream.observe.ReceivedEvent;
import io.hookstream.observe.internal.Observers;
import io.hookstream.replay.ReplayService;
import io.hookstream.replay.internal.ReplayRunner;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.internal.DashjoinTransformEngine;
import io.hookstream.routing.internal.EventRouter;
import io.hookstream.routing.internal.RecoverySweep;
import io.hookstream.routing.internal.RouteCache;
import io.hookstream.routing.internal.RouteCompiler;
import io.hookstream.secret.SecretService;
import io.hookstream.secret.internal.DestinationSecrets;
import io.hookstream.secret.internal.OpeningProvider;
import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.secret.internal.SecretKeyCheck;
import io.hookstream.source.SourceService;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.ChannelBus;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.InProcessChannelBus;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.Principal;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.stream.ChannelBroadcaster;
import io.hookstream.stream.WebSocketDestinationProvider;
import io.hookstream.testsession.TestSessionService;
import io.hookstream.tools.ToolsService;
import io.hookstream.tools.ToolsSettings;
import io.hookstream.tools.internal.Outbound;
import io.hookstream.tools.internal.ScheduledSendRunner;
import io.hookstream.topic.TopicService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine, assembled from {@link EngineSettings}: the stores, services, router, delivery
 * scheduler, live streams, secrets and caches; the routing pool and the job runner that runs every
 * background job on the engine clock; and the ingest path up to its hand-off. {@code Hookstream} is
 * its public face. Thread-safe.
 */
public final class Engine implements AutoCloseable {

  /** The longest real time between two looks for due jobs on a clock that moves by itself. */
  static final Duration MAX_JOB_POLL_INTERVAL = Duration.ofSeconds(1);

  /** Events a backfill upserts per step (one step per second). */
  static final int BACKFILL_BATCH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final Store store;
  private final KeyValueStore keyValueStore;
  private final Clock clock;
  private final Limits limits;
  private final Ids ids;
  private final String nodeId;
  private final List<Authenticator> authenticators;
  private final OrganizationService organizations;
  private final ApiKeyService apiKeys;
  private final SourceService sources;
  private final SecretService secrets;
  private final ExpiringCache<String, SourceRecord> sourceCache;
  private final DestinationService destinations;
  private final ConnectionService connections;
  private final TopicService topics;
  private final EventService events;
  private final IssueService issues;
  private final CircuitBreakers circuits;
  private final DeliveryService deliveries;
  private final DeliveryScheduler scheduler;
  private final RecoverySweep recovery;
  private final RetentionJob retention;
  private final IngestPipeline pipeline;
  private final ClientIpResolver clientIps;
  private final RoutingHandOff handOff;
  private final JobRunner jobs;
  private final ReplayService replays;
  private final ReplayRunner replayRunner;
  private final TestSessionService testSessions;
  private final ToolsService tools;
  private final ScheduledSendRunner scheduledSends;
  private final MetricsService metrics;
  private final CollectionService collections;
  private final CollectionHandOff collectionHandOff;
  private final SyncSweep collectionSweep;
  private final BackfillRunner backfills;
  private final ChannelBus bus;
  private final boolean ownsBus;
  private final ChannelBroadcaster streams;
  private final Map<String, DestinationProvider> providers;
  private final Observers observers;
  private final NotificationProvider notificationProvider;
  private final NotificationChannelService notificationChannels;
  private final AlertRuleService alertRules;
  private final FailureRateIssues failureRateIssues;
  private volatile boolean started;
  private volatile boolean closed;

  public Engine(EngineSettings s) {
    this.store = s.store;
    this.keyValueStore = s.keyValueStore;
    this.clock = s.clock;
    this.limits = s.limits;
    this.ids = new Ids(clock);
    this.observers = Observers.of(s.observers);
    this.nodeId = s.nodeId;
    SecretCipher cipher = SecretCipher.of(s.secretKeys);
    SecretKeyCheck.verify(store, cipher); // before anything here writes
    if (!cipher.encrypts()) {
      LOG.warn(
          "engine {}: no secret keys configured (Hookstream.Builder.secretKeys), so"
              + " verification secrets and destination credentials are stored in plaintext",
          nodeId);
    }
    this.organizations = new OrganizationService(store, clock);
    this.apiKeys = new ApiKeyService(store, clock);
    List<Authenticator> auth = new ArrayList<>();
    auth.add(apiKeys);
    auth.addAll(s.authenticators);
    this.authenticators = List.copyOf(auth);
    this.sourceCache =
        new ExpiringCache<>(clock, s.sourceCacheTtl, ExpiringCache.DEFAULT_MAX_ENTRIES);
    this.sources =
        new SourceService(store, clock, s.ingestBaseUrl, s.secretKeys, sourceCache::invalidate);
    this.ownsBus = s.channelBus == null;
    this.bus =
        ownsBus
            ? new InProcessChannelBus(s.streamBusCapacity, "hookstream-stream-" + nodeId)
            : s.channelBus;
    this.streams = new ChannelBroadcaster(bus, ownsBus);
    Map<String, DestinationProvider> all = new LinkedHashMap<>(s.providers);
    all.putIfAbsent(
        WebSocketDestinationProvider.TYPE, new WebSocketDestinationProvider(streams, store));
    this.providers = Map.copyOf(all);
    this.destinations =
        new DestinationService(
            store,
            clock,
            providers,
            s.secretKeys,
            this::destinationSwitched,
            this::destinationChanged);
    this.secrets = new SecretService(store, s.secretKeys, providers, sourceCache::invalidate);
    this.events = new EventService(store, s.blobStore);
    TransformEngine transforms =
        new DashjoinTransformEngine(
            s.transformTimeLimit, DashjoinTransformEngine.DEFAULT_MAX_DEPTH);
    TaskFactory tasks = new TaskFactory(clock);
    this.issues = new IssueService(store, clock, streams::issueChanged);
    this.deliveries = new DeliveryService(store, clock, tasks);
    this.notificationProvider =
        new NotificationProvider(s.notificationSenders, s.notificationAddresses, cipher);
    this.scheduler = scheduler(s, new DestinationSecrets(cipher, providers));
    this.notificationChannels =
        new NotificationChannelService(
            store,
            clock,
            s.notificationSenders,
            s.notificationAddresses,
            s.secretKeys,
            scheduler::destinationChanged);
    this.alertRules = new AlertRuleService(store, clock, tasks, scheduler::wake);
    this.failureRateIssues =
        new FailureRateIssues(
            store,
            keyValueStore,
            clock,
            new IssueTracker(store, ids, streams::issueChanged),
            nodeId,
            s.failureRateThreshold,
            s.failureRateMinAttempts);
    this.circuits =
        new CircuitBreakers(store, clock, s.circuitSettings, scheduler.limits()::current);
    EventRouter router =
        new EventRouter(
            store,
            clock,
            tasks,
            new RouteCache(store, clock, s.routeCacheTtl, new RouteCompiler(transforms)),
            new EventBodies(s.blobStore)::of,
            scheduler::wake);
    this.connections =
        new ConnectionService(store, clock, transforms, c -> router.invalidate(c.sourceId()));
    this.recovery = new RecoverySweep(store, clock, router, s.recoveryGrace);
    this.replays = new ReplayService(store, clock, streams::replayChanged);
    this.metrics = new MetricsService(store, clock, issues);
    this.replayRunner =
        new ReplayRunner(store, clock, nodeId, tasks, scheduler::wake, streams::replayChanged);
    this.retention =
        new RetentionJob(
            store,
            s.blobStore,
            keyValueStore,
            clock,
            s.archiveBeforePurge,
            RetentionJob.DEFAULT_BATCH_SIZE);
    this.handOff =
        new RoutingHandOff(
            streams,
            router,
            scheduler::wake,
            s.routingThreads,
            s.routingQueueSize,
            "hookstream-route-" + nodeId);
    CollectionSync sync =
        new CollectionSync(
            store, clock, new EventBodies(s.blobStore)::of, streams::collectionSynced);
    this.collectionHandOff =
        new CollectionHandOff(
            store, sync, clock, s.routeCacheTtl, s.routingQueueSize, "hookstream-sync-" + nodeId);
    this.collectionSweep = new SyncSweep(store, clock, sync, s.recoveryGrace);
    this.backfills =
        new BackfillRunner(store, clock, nodeId, sync, BACKFILL_BATCH, streams::backfillChanged);
    this.collections =
        new CollectionService(
            store, clock, collectionHandOff::invalidate, streams::backfillChanged);
    this.topics =
        new TopicService(
            store, clock, transforms, s.blobStore, tasks, limits, s.ingestBaseUrl, handOff::accept);
    ToolsSettings toolSettings = s.toolsSettings();
    this.tools = new ToolsService(store, clock, toolSettings);
    this.scheduledSends = new ScheduledSendRunner(store, clock, nodeId, new Outbound(toolSettings));
    this.clientIps = new ClientIpResolver(s.trustedProxies);
    this.pipeline = IngestSteps.pipeline(s, clientIps, cipher, router::tasksFor, this::accepted);
    this.testSessions =
        new TestSessionService(
            store,
            s.blobStore,
            keyValueStore,
            clock,
            s.ingestBaseUrl,
            limits,
            s.allowPrivateNetworks,
            sources,
            streams,
            clientIps::resolve,
            this::ingest);
    this.jobs =
        new JobRunner(clock, backgroundJobs(s), MAX_JOB_POLL_INTERVAL, "hookstream-" + nodeId);
  }

  private DeliveryScheduler scheduler(EngineSettings s, DestinationSecrets destinationSecrets) {
    Map<String, DestinationProvider> opening = new LinkedHashMap<>();
    providers.forEach((type, p) -> opening.put(type, new OpeningProvider(p, destinationSecrets)));
    opening.put(NotificationProvider.TYPE, notificationProvider); // channels, never a user's type
    return DeliveryScheduler.builder(
            store,
            clock,
            opening,
            ids,
            new IssueTracker(store, ids, streams::issueChanged),
            new CircuitLogic(store, s.circuitSettings))
        .blobs(s.blobStore)
        .owner(nodeId)
        .attemptListener(streams::deliveryAttempted)
        .observers(observers)
        .destinationListener(this::destinationSwitched)
        .workerThreads(s.deliveryThreads)
        .leaseDuration(s.deliveryLease)
        .pollInterval(s.deliveryPollInterval)
        .adaptiveConcurrency(s.adaptiveConcurrency)
        .build();
  }

  /** Every background job, in the order {@link #runDueJobs()} runs them. */
  private List<Job> backgroundJobs(EngineSettings s) {
    return List.of(
        EngineJobs.heartbeat(store, clock, nodeId, s.heartbeatInterval, s.missedHeartbeats),
        EngineJobs.recovery(recovery, s.recoveryInterval),
        EngineJobs.issueAutoResolve(issues),
        // Rollups before retention, so that an hour is rolled up before its rows can be purged.
        EngineJobs.rollups(new RollupJob(store, clock)),
        EngineJobs.failureRateIssues(failureRateIssues),
        EngineJobs.alertEvaluation(alertRules),
        EngineJobs.retention(retention, s.retentionInterval),
        EngineJobs.replays(replayRunner),
        EngineJobs.testSessionPurge(testSessions),
        EngineJobs.scheduledSends(scheduledSends),
        EngineJobs.scheduledSendPurge(scheduledSends),
        EngineJobs.collectionSync(collectionSweep, s.recoveryInterval),
        EngineJobs.backfills(backfills));
  }

  /** Each event ingest stored: routed (or queued for it), then synced into collections. */
  private void accepted(EventRecord event) {
    handOff.accept(event);
    collectionHandOff.accept(event);
  }

  /** Writes the first heartbeat, then starts the scheduler and the job runner. Idempotent. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("engine " + nodeId + " is closed");
    }
    if (!started) {
      started = true;
      jobs.runDue(); // the first heartbeat, before the scheduler's first claim
      scheduler.start();
      jobs.start();
      LOG.info("hookstream engine {} started", nodeId);
    }
  }

  /** See {@code Hookstream.ingest}. */
  public IngestResult ingest(String sourceId, IngestRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new HookstreamException(ErrorCode.UNAVAILABLE, "engine is shutting down");
    }
    if (request.body().length > limits.maxBodyBytes()) {
      throw new HookstreamException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "body is " + request.body().length + " bytes; the limit is " + limits.maxBodyBytes());
    }
    SourceRecord source =
        sourceId == null
            ? null
            : sourceCache
                .get(sourceId, store.sources()::findForIngest)
                .filter(s -> !s.deleted())
                .orElse(null);
    if (source == null) {
      throw HookstreamException.notFound("source", sourceId);
    }
    IngestContext context = new IngestContext(source, request, clock, ids.next("evt"));
    if (!observers.active()) {
      return pipeline.run(context);
    }
    long start = clock.monotonicNanos();
    IngestResult result = pipeline.run(context);
    observers.eventReceived(
        new ReceivedEvent(
            source.orgId(),
            source.envId(),
            source.id(),
            result.eventId(),
            result.duplicate(),
            Duration.ofNanos(clock.monotonicNanos() - start)));
    return result;
  }

  /** The API key authenticator first, then the host's, in order. */
  public Optional<Principal> authenticate(Authenticator.Credentials credentials) {
    for (Authenticator a : authenticators) {
      Optional<Principal> p = a.authenticate(credentials);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  public int recoverUnroutedEvents() {
    return recovery.runOnce();
  }

  public RunResult runDueDeliveries() {
    return scheduler.runDueNow();
  }

  public RetentionJob.Result runRetention() {
    return retention.runOnce();
  }

  public List<String> runDueJobs() {
    return jobs.runDue();
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

  public TopicService topics() {
    return topics;
  }

  public ChannelBroadcaster streams() {
    return streams;
  }

  public Map<String, DestinationProvider> providers() {
    return providers;
  }

  public DeliveryService deliveries() {
    return deliveries;
  }

  public CircuitBreakers circuits() {
    return circuits;
  }

  public ToolsService tools() {
    return tools;
  }

  public ReplayService replays() {
    return replays;
  }

  public CollectionService collections() {
    return collections;
  }

  public IssueService issues() {
    return issues;
  }

  public TestSessionService testSessions() {
    return testSessions;
  }

  public MetricsService metrics() {
    return metrics;
  }

  public NotificationChannelService notificationChannels() {
    return notificationChannels;
  }

  public AlertRuleService alertRules() {
    return alertRules;
  }

  public Clock clock() {
    return clock;
  }

  public KeyValueStore keyValueStore() {
    return keyValueStore;
  }

  public boolean isRunning() {
    return started && !closed;
  }

  public String clientIp(String remoteAddress, Function<String, List<String>> headers) {
    return clientIps.resolve(remoteAddress, Objects.requireNonNull(headers, "headers"));
  }

  public Limits limits() {
    return limits;
  }

  public String nodeId() {
    return nodeId;
  }

  /** The registered observers: the notification sender reports each notification to them. */
  public Observers observers() {
    return observers;
  }

  /** See {@code Hookstream.close}. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    jobs.close();
    handOff.close();
    testSessions.close();
    collectionHandOff.close();
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
    LOG.info("hookstream engine {} closed", nodeId);
  }

  /** A destination changed or deleted through this engine. */
  private void destinationChanged(String id) {
    scheduler.destinationChanged(id);
  }

  /** A destination disabled or re-enabled: subscribers hear of it; its parked tasks go now. */
  private void destinationSwitched(DestinationRecord d) {
    scheduler.destinationChanged(d.id());
    streams.destinationChanged(d);
    if (d.disabledReason() == null) {
      scheduler.wake();
    }
  }
}
