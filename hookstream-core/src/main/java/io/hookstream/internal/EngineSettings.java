package io.hookstream.internal;

import io.hookstream.Hookstream;
import io.hookstream.HookstreamOptions;
import io.hookstream.Limits;
import io.hookstream.delivery.CircuitSettings;
import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.ingest.IngestStep;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.observe.EngineObserver;
import io.hookstream.routing.internal.DashjoinTransformEngine;
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
import io.hookstream.tools.ToolsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * What {@link Hookstream.Builder} collected, with its defaults: the builder validates each value as
 * it is set, the {@link Engine} reads them once when it is built. Not thread-safe.
 */
public final class EngineSettings {
  public Store store;
  public KeyValueStore keyValueStore;
  public BlobStore blobStore;
  public Clock clock = Clock.system();
  public Limits limits = Limits.DEFAULT;
  public final Map<String, DestinationProvider> providers = new LinkedHashMap<>();
  public final List<Authenticator> authenticators = new ArrayList<>();
  public final List<IngestStep> ingestSteps = new ArrayList<>();
  public final List<EngineObserver> observers = new ArrayList<>();
  public String ingestBaseUrl = HookstreamOptions.DEFAULT_INGEST_BASE_URL;
  public String nodeId = "hs-" + UUID.randomUUID().toString().substring(0, 8);
  public Duration recoveryGrace = HookstreamOptions.DEFAULT_RECOVERY_GRACE;
  public Duration recoveryInterval = HookstreamOptions.DEFAULT_RECOVERY_INTERVAL;
  public Duration retentionInterval = HookstreamOptions.DEFAULT_RETENTION_INTERVAL;
  public boolean archiveBeforePurge;
  public Duration routeCacheTtl = HookstreamOptions.DEFAULT_ROUTE_CACHE_TTL;
  public Duration sourceCacheTtl = HookstreamOptions.DEFAULT_SOURCE_CACHE_TTL;
  public TrustedProxies trustedProxies = TrustedProxies.none();
  public Duration transformTimeLimit = DashjoinTransformEngine.DEFAULT_TIME_LIMIT;
  public CircuitSettings circuitSettings = CircuitSettings.DEFAULT;
  public int deliveryThreads = DeliveryScheduler.DEFAULT_WORKER_THREADS;
  public Duration deliveryLease = DeliveryScheduler.DEFAULT_LEASE;
  public Duration deliveryPollInterval = DeliveryScheduler.DEFAULT_POLL_INTERVAL;
  public boolean adaptiveConcurrency = true;
  public Duration heartbeatInterval = HookstreamOptions.DEFAULT_HEARTBEAT_INTERVAL;
  public int missedHeartbeats = HookstreamOptions.DEFAULT_MISSED_HEARTBEATS;
  public int routingThreads = 2;
  public int routingQueueSize = 10_000;
  public ChannelBus channelBus;
  public SecretKeys secretKeys;
  public boolean allowPrivateNetworks;
  public final Map<String, NotificationSender> notificationSenders = new LinkedHashMap<>();
  public AddressPolicy notificationAddresses = new AddressPolicy(false);
  public double failureRateThreshold = 0.5;
  public int failureRateMinAttempts = 10;
  public int streamBusCapacity = HookstreamOptions.DEFAULT_STREAM_BUS_CAPACITY;
  public HostResolver toolsResolver = HostResolver.system();
  public SSLContext toolsTls;

  /** The tools' settings: the JVM's default trust unless a TLS context was given. */
  public ToolsSettings toolsSettings() {
    ToolsSettings defaults = ToolsSettings.defaults();
    return new ToolsSettings(
        allowPrivateNetworks, toolsResolver, toolsTls == null ? defaults.tls() : toolsTls);
  }
}
