package io.hookstream.store.jdbc;

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
import io.hookstream.store.jdbc.internal.Dialect;
import io.hookstream.store.jdbc.internal.Jdbc;
import io.hookstream.store.jdbc.internal.JdbcAlertRuleRepository;
import io.hookstream.store.jdbc.internal.JdbcApiKeyRepository;
import io.hookstream.store.jdbc.internal.JdbcCircuitRepository;
import io.hookstream.store.jdbc.internal.JdbcCollectionRepository;
import io.hookstream.store.jdbc.internal.JdbcConnectionRepository;
import io.hookstream.store.jdbc.internal.JdbcDeliveryRepository;
import io.hookstream.store.jdbc.internal.JdbcDestinationRepository;
import io.hookstream.store.jdbc.internal.JdbcEventRepository;
import io.hookstream.store.jdbc.internal.JdbcIssueRepository;
import io.hookstream.store.jdbc.internal.JdbcMetricsRepository;
import io.hookstream.store.jdbc.internal.JdbcMonitoringRepository;
import io.hookstream.store.jdbc.internal.JdbcNodeRepository;
import io.hookstream.store.jdbc.internal.JdbcNotificationChannelRepository;
import io.hookstream.store.jdbc.internal.JdbcOrganizationRepository;
import io.hookstream.store.jdbc.internal.JdbcReplayJobRepository;
import io.hookstream.store.jdbc.internal.JdbcScheduledSendRepository;
import io.hookstream.store.jdbc.internal.JdbcSourceRepository;
import io.hookstream.store.jdbc.internal.JdbcTestSessionRepository;
import io.hookstream.store.jdbc.internal.JdbcTopicRepository;
import io.hookstream.store.jdbc.internal.Tables;
import java.time.Duration;

/**
 * The {@link Store} on H2 or PostgreSQL, built by {@link JdbcStores}. Every call borrows a
 * connection from the host's pool and returns it before returning; multi-row writes (routing an
 * event with its tasks, settling a task with its attempt) are single transactions. Thread-safe, and
 * several instances (in one JVM or many) may share one database. Database failures throw {@link
 * io.hookstream.spi.HookstreamException} with UNAVAILABLE; slug clashes with CONFLICT.
 */
public final class JdbcStore implements Store {

  private final OrganizationRepository organizations;
  private final ApiKeyRepository apiKeys;
  private final SourceRepository sources;
  private final DestinationRepository destinations;
  private final ConnectionRepository connections;
  private final EventRepository events;
  private final JdbcDeliveryRepository deliveries;
  private final IssueRepository issues;
  private final CircuitRepository circuits;
  private final NodeRepository nodes;
  private final TopicRepository topics;
  private final ReplayJobRepository replayJobs;
  private final TestSessionRepository testSessions;
  private final ScheduledSendRepository scheduledSends;
  private final MetricsRepository metrics;
  private final CollectionRepository collections;
  private final NotificationChannelRepository notificationChannels;
  private final AlertRuleRepository alertRules;
  private final MonitoringRepository monitoring;

  JdbcStore(
      Jdbc jdbc, Dialect dialect, Tables tables, int groupCommitRows, Duration scanFloorRefresh) {
    this.organizations = new JdbcOrganizationRepository(jdbc, tables);
    this.apiKeys = new JdbcApiKeyRepository(jdbc, dialect, tables);
    this.sources = new JdbcSourceRepository(jdbc, dialect, tables);
    this.destinations = new JdbcDestinationRepository(jdbc, dialect, tables);
    this.connections = new JdbcConnectionRepository(jdbc, dialect, tables);
    this.deliveries = new JdbcDeliveryRepository(jdbc, dialect, tables, scanFloorRefresh);
    JdbcEventRepository eventRows =
        new JdbcEventRepository(jdbc, dialect, tables, deliveries, groupCommitRows);
    this.events = eventRows;
    this.issues = new JdbcIssueRepository(jdbc, dialect, tables);
    this.circuits = new JdbcCircuitRepository(jdbc, dialect, tables);
    this.nodes = new JdbcNodeRepository(jdbc, dialect, tables, deliveries);
    this.topics = new JdbcTopicRepository(jdbc, dialect, tables, eventRows);
    this.replayJobs = new JdbcReplayJobRepository(jdbc, dialect, tables, deliveries);
    this.testSessions = new JdbcTestSessionRepository(jdbc, dialect, tables);
    this.scheduledSends = new JdbcScheduledSendRepository(jdbc, dialect, tables);
    this.metrics = new JdbcMetricsRepository(jdbc, dialect, tables);
    this.collections = new JdbcCollectionRepository(jdbc, dialect, tables);
    this.notificationChannels = new JdbcNotificationChannelRepository(jdbc, dialect, tables);
    this.alertRules = new JdbcAlertRuleRepository(jdbc, dialect, tables, deliveries);
    this.monitoring = new JdbcMonitoringRepository(jdbc, tables);
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
