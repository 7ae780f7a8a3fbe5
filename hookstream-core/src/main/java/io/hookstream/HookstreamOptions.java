package io.hookstream;

import io.hookstream.delivery.CircuitSettings;
import io.hookstream.ingest.IngestStep;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.internal.EngineSettings;
import io.hookstream.observe.EngineObserver;
import io.hookstream.secret.SecretKeys;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.ChannelBus;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.NotificationSender;
import io.hookstream.spi.store.Store;
import io.hookstream.tools.HostResolver;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The options of {@link Hookstream.Builder}, its only kind: store, key-value store and blob store
 * are required; all else has defaults. Each setter rejects a bad value at once. Not thread-safe.
 *
 * @param <B> the builder type the setters return
 */
public abstract sealed class HookstreamOptions<B extends HookstreamOptions<B>>
    permits Hookstream.Builder {

  public static final Duration DEFAULT_RECOVERY_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_ROUTE_CACHE_TTL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SOURCE_CACHE_TTL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofHours(1);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  /** 4 × 5 s: a dead node's work moves on 20-25 s after its last beat, under the 30 s target. */
  public static final int DEFAULT_MISSED_HEARTBEATS = 4;

  public static final String DEFAULT_INGEST_BASE_URL = "http://localhost:8080";
  public static final int DEFAULT_STREAM_BUS_CAPACITY = 10_000;
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  final EngineSettings s = new EngineSettings();

  HookstreamOptions() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  public B store(Store store) {
    s.store = Objects.requireNonNull(store, "store");
    return self();
  }

  public B keyValueStore(KeyValueStore kv) {
    s.keyValueStore = Objects.requireNonNull(kv, "keyValueStore");
    return self();
  }

  public B blobStore(BlobStore blobs) {
    s.blobStore = Objects.requireNonNull(blobs, "blobStore");
    return self();
  }

  /** The engine's time; defaults to the system clock. Tests pass a ManualClock. */
  public B clock(Clock clock) {
    s.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  public B limits(Limits limits) {
    s.limits = Objects.requireNonNull(limits, "limits");
    return self();
  }

  /** Adds a destination type; a later provider of the same type replaces an earlier one. */
  public B provider(DestinationProvider provider) {
    s.providers.put(Objects.requireNonNull(provider, "provider").type(), provider);
    return self();
  }

  /** Adds a host authenticator, tried after the built-in API key check. */
  public B authenticator(Authenticator authenticator) {
    s.authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
    return self();
  }

  /**
   * Adds an observer of events received, delivery attempts and notifications (metrics, tracing);
   * several may be added and are called in order. See {@link EngineObserver}.
   */
  public B observer(EngineObserver observer) {
    s.observers.add(Objects.requireNonNull(observer, "observer"));
    return self();
  }

  /** Adds a custom ingest step, run after the built-in checks and before the event is stored. */
  public B ingestStep(IngestStep step) {
    s.ingestSteps.add(Objects.requireNonNull(step, "step"));
    return self();
  }

  /** The public base URL senders reach this engine at; source URLs are built from it. */
  public B ingestBaseUrl(String url) {
    java.net.URI uri = java.net.URI.create(Objects.requireNonNull(url, "url"));
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("ingestBaseUrl must be an absolute URL: " + url);
    }
    s.ingestBaseUrl = url;
    return self();
  }

  /**
   * This engine's node id: its lease owner name and heartbeat row in the store. It must be unique
   * among the engines sharing a store (two engines with one id take each other's leases) and stable
   * across restarts of one engine: a restart then takes back its leases at once. Default: a random
   * id, so a restarted engine's old leases wait for heartbeat detection (about 20-25 s). 1-100
   * characters of letters, digits, {@code . _ : -}.
   */
  public B nodeId(String id) {
    if (id == null || !NODE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "nodeId must be 1-100 characters of letters, digits, '.', '_', ':' or '-': " + id);
    }
    s.nodeId = id;
    return self();
  }

  /** The same as {@link #nodeId(String)}. */
  public B instanceId(String id) {
    return nodeId(id);
  }

  /**
   * How often (clock time) this engine writes its heartbeat, and how many beats an engine may miss
   * before the others declare it dead and release its leases. Default 5 s and 4: a dead engine's
   * work moves to the others 20-25 s after its last beat.
   */
  public B heartbeat(Duration interval, int missedBeats) {
    if (missedBeats < 2) {
      throw new IllegalArgumentException("missedHeartbeats must be >= 2: " + missedBeats);
    }
    s.heartbeatInterval = positive(interval, "heartbeat interval");
    s.missedHeartbeats = missedBeats;
    return self();
  }

  /** How old an unrouted event must be before the recovery sweep routes it (default 30 s). */
  public B recoveryGrace(Duration grace) {
    s.recoveryGrace = positive(grace, "recoveryGrace");
    return self();
  }

  /** How often (clock time) the recovery sweep runs (default 10 s). */
  public B recoveryInterval(Duration interval) {
    s.recoveryInterval = positive(interval, "recoveryInterval");
    return self();
  }

  /**
   * How long routes stay cached (default 5 s): the delay before a connection changed through
   * another engine on the same store takes effect here.
   */
  public B routeCacheTtl(Duration ttl) {
    s.routeCacheTtl = Objects.requireNonNull(ttl, "routeCacheTtl");
    return self();
  }

  /**
   * How long ingest keeps a source it looked up (default 5 s): the delay before a source changed or
   * deleted through another engine on the same store takes effect here. Changes made through this
   * engine take effect at once. Zero reads the store on every request.
   */
  public B sourceCacheTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "sourceCacheTtl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("sourceCacheTtl must not be negative: " + ttl);
    }
    s.sourceCacheTtl = ttl;
    return self();
  }

  /**
   * Proxies whose {@code CF-Connecting-IP} / {@code X-Forwarded-For} / {@code Forwarded} headers
   * are believed, for the IP allow/deny lists, the stored {@code source_ip} and (through {@link
   * Hookstream#clientIp}) the servlet module's per-address rate limit. Default none: the client IP
   * is the transport's remote address, because any sender can forge those headers.
   */
  public B trustedProxies(TrustedProxies proxies) {
    s.trustedProxies = Objects.requireNonNull(proxies, "trustedProxies");
    return self();
  }

  /** The longest a JSONata transform may run on one event (default 1 s). */
  public B transformTimeLimit(Duration limit) {
    s.transformTimeLimit = positive(limit, "transformTimeLimit");
    return self();
  }

  /** Circuit breaker thresholds: failures to open (5) and cooldown (60 s). */
  public B circuitSettings(CircuitSettings settings) {
    s.circuitSettings = Objects.requireNonNull(settings, "circuitSettings");
    return self();
  }

  /**
   * Delivery workers (default 32), the lease a claimed task is held under (default 60 s, always
   * longer than the destination's timeout), and how often the scheduler looks for due work in real
   * time (default 1 s; new work and manual-clock moves wake it at once).
   */
  public B delivery(int threads, Duration lease, Duration pollInterval) {
    if (threads < 1) {
      throw new IllegalArgumentException("delivery threads must be positive: " + threads);
    }
    s.deliveryThreads = threads;
    s.deliveryLease = positive(lease, "lease");
    s.deliveryPollInterval = positive(pollInterval, "pollInterval");
    return self();
  }

  /**
   * Whether each destination's concurrency on this engine follows its receiver (default true): an
   * adaptive limit under {@code max_in_flight} grows while latency stays flat and halves on
   * timeouts, 429s and 5xx (see docs/delivery.md). False holds every destination at its {@code
   * max_in_flight}; meant for benchmarks and diagnosis.
   */
  public B adaptiveConcurrency(boolean adaptive) {
    s.adaptiveConcurrency = adaptive;
    return self();
  }

  /**
   * How often (clock time) the retention purge runs (default 1 h) and whether it first archives
   * purged events as NDJSON to the blob store (default false).
   */
  public B retention(Duration interval, boolean archive) {
    s.retentionInterval = positive(interval, "retention interval");
    s.archiveBeforePurge = archive;
    return self();
  }

  /** Threads routing accepted events (default 2) and their queue size (default 10,000). */
  public B routing(int threads, int queueSize) {
    if (threads < 1 || queueSize < 1) {
      throw new IllegalArgumentException("routing threads and queue size must be positive");
    }
    s.routingThreads = threads;
    s.routingQueueSize = queueSize;
    return self();
  }

  /**
   * The bus live-stream messages travel through. Default: an in-JVM bus owned by the engine
   * (subscribers on this node only; closed with the engine). Pass a shared bus (for example
   * PostgreSQL LISTEN/NOTIFY) so subscribers on every node see every node's events; the host closes
   * a bus it passed.
   */
  public B channelBus(ChannelBus bus) {
    s.channelBus = Objects.requireNonNull(bus, "channelBus");
    return self();
  }

  /**
   * How many messages the default in-JVM bus holds before it drops new ones (default 10,000);
   * ignored when {@link #channelBus} is set.
   */
  public B streamBusCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("streamBusCapacity must be positive: " + capacity);
    }
    s.streamBusCapacity = capacity;
    return self();
  }

  /**
   * The AES-256 keys that encrypt verification secrets and destination credentials in the store:
   * the primary key writes, older keys only read (see {@link SecretKeys#parse}). Without keys,
   * secrets are stored in plaintext (still masked on every read) and the engine logs a warning at
   * build. {@link Hookstream.Builder#build} fails if the store holds secrets these keys cannot
   * open.
   */
  public B secretKeys(SecretKeys keys) {
    s.secretKeys = Objects.requireNonNull(keys, "secretKeys");
    return self();
  }

  /**
   * Lets requests the engine itself sends to user-given URLs (test-session forwarding, the tools
   * API) reach loopback, private and link-local addresses, for local development, as the standalone
   * server's {@code --allow-private-networks}; cloud metadata addresses stay refused. Default
   * false: the SSRF guard refuses them. Destination providers have their own switch.
   */
  public B allowPrivateNetworks(boolean allow) {
    s.allowPrivateNetworks = allow;
    return self();
  }

  /**
   * Adds a notification channel type the engine does not build in, such as {@code email} from the
   * {@code hookstream-smtp} module; a later sender of the same type replaces an earlier one.
   */
  public B notificationSender(NotificationSender sender) {
    s.notificationSenders.put(Objects.requireNonNull(sender, "sender").channelType(), sender);
    return self();
  }

  /**
   * How the tools resolve host names (default the JVM's resolver). Every address returned is
   * checked and the first is connected to.
   */
  public B toolsResolver(HostResolver resolver) {
    s.toolsResolver = Objects.requireNonNull(resolver, "resolver");
    return self();
  }

  /** The TLS context of the tools' https requests (default the JVM's, with its trust store). */
  public B toolsTls(SSLContext tls) {
    s.toolsTls = Objects.requireNonNull(tls, "tls");
    return self();
  }

  /**
   * Lets webhook, Slack and Discord notification channels point at loopback and private networks
   * (default false: the SSRF guard refuses them, as it does for destinations).
   */
  public B allowPrivateNotificationTargets(boolean allow) {
    s.notificationAddresses = new AddressPolicy(allow);
    return self();
  }

  /**
   * The failure-rate issue: a destination whose failed attempts over a 5-minute window are at least
   * {@code threshold} (a ratio, 0 < t <= 1) of at least {@code minAttempts} attempts gets a {@code
   * failure_rate} issue (default 0.5 of 10). A {@code threshold} of 1 with a huge {@code
   * minAttempts} effectively turns it off.
   */
  public B failureRateIssue(double threshold, int minAttempts) {
    if (!(threshold > 0 && threshold <= 1) || minAttempts < 1) {
      throw new IllegalArgumentException(
          "failureRateIssue needs 0 < threshold <= 1 and minAttempts >= 1: "
              + threshold
              + ", "
              + minAttempts);
    }
    s.failureRateThreshold = threshold;
    s.failureRateMinAttempts = minAttempts;
    return self();
  }

  private static Duration positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }
}
