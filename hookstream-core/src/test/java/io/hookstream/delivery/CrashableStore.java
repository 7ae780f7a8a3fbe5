package io.hookstream.delivery;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ApiKeyRepository;
import io.hookstream.spi.store.CircuitRepository;
import io.hookstream.spi.store.CollectionRepository;
import io.hookstream.spi.store.ConnectionRepository;
import io.hookstream.spi.store.DeliveryRepository;
import io.hookstream.spi.store.DestinationRepository;
import io.hookstream.spi.store.EventRepository;
import io.hookstream.spi.store.IssueRepository;
import io.hookstream.spi.store.MetricsRepository;
import io.hookstream.spi.store.NodeRepository;
import io.hookstream.spi.store.OrganizationRepository;
import io.hookstream.spi.store.ReplayJobRepository;
import io.hookstream.spi.store.ScheduledSendRepository;
import io.hookstream.spi.store.SourceRepository;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TopicRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * One node's view of a shared store that can "crash": afterwards every delivery and heartbeat call
 * from this node fails as if the process were gone (no settle, no lease renewal, no release), while
 * other nodes keep using the real store.
 */
final class CrashableStore implements Store {

  private final Store delegate;
  private final DeliveryRepository deliveries;
  private final NodeRepository nodes;
  private volatile boolean crashed;
  private volatile boolean crashAfterSettle;

  CrashableStore(Store delegate) {
    this.delegate = delegate;
    this.deliveries = crashable(DeliveryRepository.class, delegate.deliveries());
    this.nodes = crashable(NodeRepository.class, delegate.nodes());
  }

  /** {@code repository} as this node sees it: gone once crashed. */
  private <T> T crashable(Class<T> type, T repository) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (crashed) {
                throw new HookstreamException(ErrorCode.UNAVAILABLE, "node crashed");
              }
              Object result;
              try {
                result = method.invoke(repository, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (crashAfterSettle && method.getName().equals("settle")) {
                crashed = true;
                throw new HookstreamException(ErrorCode.UNAVAILABLE, "node crashed after settling");
              }
              return result;
            }));
  }

  void crash() {
    crashed = true;
  }

  /** The node dies right after its next settle has committed, before it does anything else. */
  void crashAfterNextSettle() {
    crashAfterSettle = true;
  }

  @Override
  public OrganizationRepository organizations() {
    return delegate.organizations();
  }

  @Override
  public ApiKeyRepository apiKeys() {
    return delegate.apiKeys();
  }

  @Override
  public SourceRepository sources() {
    return delegate.sources();
  }

  @Override
  public DestinationRepository destinations() {
    return delegate.destinations();
  }

  @Override
  public ConnectionRepository connections() {
    return delegate.connections();
  }

  @Override
  public EventRepository events() {
    return delegate.events();
  }

  @Override
  public DeliveryRepository deliveries() {
    return deliveries;
  }

  @Override
  public IssueRepository issues() {
    return delegate.issues();
  }

  @Override
  public CircuitRepository circuits() {
    return delegate.circuits();
  }

  @Override
  public NodeRepository nodes() {
    return nodes;
  }

  @Override
  public TopicRepository topics() {
    return delegate.topics();
  }

  @Override
  public ReplayJobRepository replayJobs() {
    return delegate.replayJobs();
  }

  @Override
  public io.hookstream.spi.store.TestSessionRepository testSessions() {
    return delegate.testSessions();
  }

  @Override
  public ScheduledSendRepository scheduledSends() {
    return delegate.scheduledSends();
  }

  @Override
  public MetricsRepository metrics() {
    return delegate.metrics();
  }

  @Override
  public CollectionRepository collections() {
    return delegate.collections();
  }

  @Override
  public io.hookstream.spi.store.NotificationChannelRepository notificationChannels() {
    return delegate.notificationChannels();
  }

  @Override
  public io.hookstream.spi.store.AlertRuleRepository alertRules() {
    return delegate.alertRules();
  }

  @Override
  public io.hookstream.spi.store.MonitoringRepository monitoring() {
    return delegate.monitoring();
  }
}
