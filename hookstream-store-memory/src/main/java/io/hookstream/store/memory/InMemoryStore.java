package io.hookstream.store.memory;

import io.hookstream.spi.store.AlertRuleRepository;
import io.hookstream.spi.store.ApiKeyRepository;
import io.hookstream.spi.store.CircuitRepository;
import io.hookstream.spi.store.CollectionRepository;
import io.hookstream.spi.store.ConnectionRepository;
import io.hookstream.spi.store.DeliveryRepository;
import io.hookstream.spi.store.DestinationRepository;
import io.hookstream.spi.store.EventRepository;
import io.hookstream.spi.store.IssueRepository;
import io.hookstream.spi.store.MetricsRepository;
import io.hookstream.spi.store.MonitoringRepository;
import io.hookstream.spi.store.NodeRepository;
import io.hookstream.spi.store.NotificationChannelRepository;
import io.hookstream.spi.store.OrganizationRepository;
import io.hookstream.spi.store.ReplayJobRepository;
import io.hookstream.spi.store.ScheduledSendRepository;
import io.hookstream.spi.store.SourceRepository;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TestSessionRepository;
import io.hookstream.spi.store.TopicRepository;

/**
 * A {@link Store} held in the JVM's memory: the embedded default and the test default. Nothing
 * survives the JVM. Lists are range scans over sorted concurrent maps, and delivery claims read a
 * due-time index, so it stays fast with millions of events.
 *
 * <p>Thread-safe; engines in one JVM that share an instance share its data. Records are stored as
 * given and never copied: callers must not modify the arrays they hold ({@code body}, {@code
 * payload}) after handing them over.
 */
public final class InMemoryStore implements Store {

  private final MemoryOrganizations organizations = new MemoryOrganizations();
  private final MemoryApiKeys apiKeys = new MemoryApiKeys();
  private final MemoryDeliveries deliveries = new MemoryDeliveries();
  private final MemoryEvents events = new MemoryEvents(deliveries);
  private final MemorySources sources = new MemorySources(events);
  private final MemoryDestinations destinations = new MemoryDestinations();
  private final MemoryConnections connections = new MemoryConnections();
  private final MemoryIssues issues = new MemoryIssues();
  private final MemoryCircuits circuits = new MemoryCircuits();
  private final MemoryNodes nodes = new MemoryNodes(deliveries);
  private final MemoryTopics topics = new MemoryTopics();
  private final MemoryReplayJobs replayJobs = new MemoryReplayJobs(events, deliveries);
  private final MemoryTestSessions testSessions = new MemoryTestSessions();
  private final MemoryScheduledSends scheduledSends = new MemoryScheduledSends();
  private final MemoryCollections collections = new MemoryCollections(events);
  private final MemoryMetrics metrics =
      new MemoryMetrics(events, deliveries, sources, destinations, collections);
  private final MemoryNotificationChannels notificationChannels = new MemoryNotificationChannels();
  private final MemoryAlertRules alertRules = new MemoryAlertRules(deliveries);
  private final MemoryMonitoring monitoring = new MemoryMonitoring(deliveries, events);

  /** An empty store. */
  public InMemoryStore() {
    deliveries.useEvents(events);
  }

  @Override
  public OrganizationRepository organizations() {
    return organizations;
  }

  @Override
  public ApiKeyRepository apiKeys() {
    return apiKeys;
  }

  @Override
  public SourceRepository sources() {
    return sources;
  }

  @Override
  public DestinationRepository destinations() {
    return destinations;
  }

  @Override
  public ConnectionRepository connections() {
    return connections;
  }

  @Override
  public EventRepository events() {
    return events;
  }

  @Override
  public DeliveryRepository deliveries() {
    return deliveries;
  }

  @Override
  public IssueRepository issues() {
    return issues;
  }

  @Override
  public CircuitRepository circuits() {
    return circuits;
  }

  @Override
  public NodeRepository nodes() {
    return nodes;
  }

  @Override
  public TopicRepository topics() {
    return topics;
  }

  @Override
  public ReplayJobRepository replayJobs() {
    return replayJobs;
  }

  @Override
  public TestSessionRepository testSessions() {
    return testSessions;
  }

  @Override
  public ScheduledSendRepository scheduledSends() {
    return scheduledSends;
  }

  @Override
  public MetricsRepository metrics() {
    return metrics;
  }

  @Override
  public CollectionRepository collections() {
    return collections;
  }

  @Override
  public NotificationChannelRepository notificationChannels() {
    return notificationChannels;
  }

  @Override
  public AlertRuleRepository alertRules() {
    return alertRules;
  }

  @Override
  public MonitoringRepository monitoring() {
    return monitoring;
  }
}
