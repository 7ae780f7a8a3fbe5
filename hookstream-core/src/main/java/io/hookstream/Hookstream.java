package io.hookstream;

import io.hookstream.alert.AlertRuleService;
import io.hookstream.alert.NotificationChannelService;
import io.hookstream.auth.ApiKeyService;
import io.hookstream.auth.OrganizationService;
import io.hookstream.collection.CollectionService;
import io.hookstream.connection.ConnectionService;
import io.hookstream.delivery.CircuitBreakers;
import io.hookstream.delivery.DeliveryService;
import io.hookstream.delivery.RunResult;
import io.hookstream.destination.DestinationService;
import io.hookstream.event.EventService;
import io.hookstream.event.RetentionJob;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.internal.Engine;
import io.hookstream.issue.IssueService;
import io.hookstream.metrics.MetricsService;
import io.hookstream.replay.ReplayService;
import io.hookstream.secret.SecretService;
import io.hookstream.source.SourceService;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.ChannelBus;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.Principal;
import io.hookstream.stream.ChannelBroadcaster;
import io.hookstream.testsession.TestSessionService;
import io.hookstream.tools.ToolsService;
import io.hookstream.topic.TopicService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hookstream engine: receives webhooks, stores them, routes them to destinations. One instance
 * per application (or per test); several may share one store. Build with {@link #builder()}, then
 * {@link #start()}; {@link #close()} stops background work.
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
 * <p>Thread-safe. Every service method may throw {@link HookstreamException} for bad input (with
 * the field named), unknown ids (404) or an unavailable store (503).
 */
public final class Hookstream implements AutoCloseable {

  private final Engine engine;

  private Hookstream(Engine engine) {
    this.engine = engine;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts background work: the delivery scheduler and the job runner (heartbeat, recovery sweep,
   * issue auto-resolve, retention purge; see {@link #runDueJobs()}). Idempotent.
   */
  public Hookstream start() {
    engine.start();
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
    return engine.ingest(sourceId, request);
  }

  /** Resolves credentials with the API key authenticator, then the host's, in order. */
  public Optional<Principal> authenticate(Authenticator.Credentials credentials) {
    return engine.authenticate(credentials);
  }

  /**
   * Routes every stored event that was never routed (older than the recovery grace period). A
   * background job runs it every recovery interval; tests call it directly. Returns how many.
   */
  public int recoverUnroutedEvents() {
    return engine.recoverUnroutedEvents();
  }

  public OrganizationService organizations() {
    return engine.organizations();
  }

  public ApiKeyService apiKeys() {
    return engine.apiKeys();
  }

  public SourceService sources() {
    return engine.sources();
  }

  /** Secrets at rest: the primary key id and the re-encrypt step after a key rotation. */
  public SecretService secrets() {
    return engine.secrets();
  }

  public DestinationService destinations() {
    return engine.destinations();
  }

  public ConnectionService connections() {
    return engine.connections();
  }

  public EventService events() {
    return engine.events();
  }

  /**
   * Pub/sub topics: subscriptions, and publishing from the application (also in its own JDBC
   * transaction).
   */
  public TopicService topics() {
    return engine.topics();
  }

  /**
   * Live streaming: publish to and subscribe to this organization's {@code event}, {@code
   * delivery}, {@code issue} and {@code event.delivered} messages (the WebSocket endpoints use it).
   * Messages travel through the builder's {@link ChannelBus}.
   */
  public ChannelBroadcaster streams() {
    return engine.streams();
  }

  /** The destination types this engine delivers to, by type (including {@code websocket}). */
  public Map<String, DestinationProvider> providers() {
    return engine.providers();
  }

  /** Retrying events, attempts and issues. */
  public DeliveryService deliveries() {
    return engine.deliveries();
  }

  /** Circuit breaker state per destination, and manual reset. */
  public CircuitBreakers circuits() {
    return engine.circuits();
  }

  /** Issues, with their severity; see {@link io.hookstream.issue.IssueSeverity}. */
  public IssueService issues() {
    return engine.issues();
  }

  /**
   * Notification channels (webhook, Slack, Discord, email with {@link Builder#notificationSender})
   * that alert rules send to.
   */
  public NotificationChannelService notificationChannels() {
    return engine.notificationChannels();
  }

  /**
   * Alert rules, evaluated once per 5-minute window of the engine clock by {@link #runDueJobs()}
   * ({@code alert-evaluation}).
   */
  public AlertRuleService alertRules() {
    return engine.alertRules();
  }

  /**
   * Replay jobs and bulk retries, stepped by {@link #runDueJobs()} (once a second of engine clock
   * when started).
   */
  public ReplayService replays() {
    return engine.replays();
  }

  /** Collections (the Instant Database): records synced from a source's events. */
  public CollectionService collections() {
    return engine.collections();
  }

  /**
   * Test sessions: URLs that record what hits them, answer what you configure, forward a copy, and
   * can be claimed into an environment (the {@code /v1/test/sessions} API and the testkit's {@code
   * TestSession} use it). Expired sessions are purged by {@link #runDueJobs()}.
   */
  public TestSessionService testSessions() {
    return engine.testSessions();
  }

  /**
   * The developer tools: health check, scheduled sends (sent by the {@code scheduled-sends} job of
   * {@link #runDueJobs()}) and the idempotency test, all behind the SSRF guard (see {@link
   * Builder#allowPrivateNetworks}).
   */
  public ToolsService tools() {
    return engine.tools();
  }

  /**
   * Event volume, delivery outcomes and latency percentiles; the rollups behind older windows are
   * written by {@link #runDueJobs()} (every 5 minutes of engine clock when started).
   */
  public MetricsService metrics() {
    return engine.metrics();
  }

  /**
   * Claims and delivers every delivery task due now, on the calling thread, and returns what it
   * did. With a {@code ManualClock}: advance the clock, then call this, to watch a retry schedule
   * play out without waiting. The scheduler also runs by itself once started.
   */
  public RunResult runDueDeliveries() {
    return engine.runDueDeliveries();
  }

  /**
   * Runs, on the calling thread and in their fixed order, every background job due at the clock's
   * current time (heartbeat, recovery sweep, issue and alert jobs, metrics rollups, retention,
   * replay, test-session purge, scheduled sends, collection sync and backfill: the jobs table of
   * docs/architecture.md) and returns the names of those that ran. A started engine on a clock that
   * moves by itself runs them by itself; on a {@code ManualClock} they run only when this is called
   * (and the heartbeat once at {@link #start()}), so advance the clock, then call this.
   */
  public List<String> runDueJobs() {
    return engine.runDueJobs();
  }

  /**
   * Runs the retention purge now (a background job also runs it every retention interval): events
   * older than their environment's retention, with their tasks, attempts and body blobs, then
   * expired key-value entries. See {@link RetentionJob}.
   */
  public RetentionJob.Result runRetention() {
    return engine.runRetention();
  }

  public Clock clock() {
    return engine.clock();
  }

  /**
   * The engine's key-value store, for hosts that keep short-lived shared state beside it (the
   * servlet binding keeps its rate-limit counters there, so limits hold across nodes).
   */
  public KeyValueStore keyValueStore() {
    return engine.keyValueStore();
  }

  /** True between {@link #start()} and {@link #close()}: the engine accepts work. */
  public boolean isRunning() {
    return engine.isRunning();
  }

  /**
   * The client address of a request from {@code remoteAddress}, resolved as ingest resolves it (see
   * {@link Builder#trustedProxies}): for per-address rate limits and logs in front of the engine.
   * {@code headers} gives the values of a lower-case header name, empty when absent.
   */
  public String clientIp(String remoteAddress, Function<String, List<String>> headers) {
    return engine.clientIp(remoteAddress, headers);
  }

  public Limits limits() {
    return engine.limits();
  }

  /** This engine's node id: its lease owner name and heartbeat row in the store. */
  public String nodeId() {
    return engine.nodeId();
  }

  /** The same as {@link #nodeId()}. */
  public String instanceId() {
    return engine.nodeId();
  }

  /**
   * Stops background work: no new routing, queued hand-offs finish for up to five seconds (the rest
   * are picked up by a recovery sweep later); in-flight deliveries finish within the scheduler's
   * grace period or their leases are released; providers that are {@link AutoCloseable} are closed.
   * Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Configures a {@link Hookstream}; the options are in {@link HookstreamOptions}. Store, key-value
   * store and blob store are required; all else has defaults. Not thread-safe.
   */
  public static final class Builder extends HookstreamOptions<Builder> {

    private Builder() {}

    /** The engine, built and ready to {@link Hookstream#start()}. */
    public Hookstream build() {
      if (s.store == null || s.keyValueStore == null || s.blobStore == null) {
        throw new IllegalStateException(
            "store, keyValueStore and blobStore are required (for example the in-memory ones"
                + " from hookstream-store-memory)");
      }
      Hookstream hs = new Hookstream(new Engine(s));
      try {
        s.observers.forEach(o -> o.attached(hs));
      } catch (RuntimeException e) {
        hs.close(); // the build fails: release what the engine made
        throw e;
      }
      return hs;
    }
  }
}
