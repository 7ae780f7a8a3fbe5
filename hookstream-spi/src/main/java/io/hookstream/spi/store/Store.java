package io.hookstream.spi.store;

/**
 * The persistence contract: one repository per aggregate. Every read and write is scoped to an
 * organization and environment ({@link Scope}) except the few lookups the engine itself needs
 * across tenants (ingest by source id, API key by hash, due-task claims, the recovery sweep), which
 * are documented as such.
 *
 * <p>Implementations must be safe for concurrent use, and several engines may share one store:
 * every conditional write (claims, compare-and-set updates) must be atomic across them. A failure
 * to reach the backing database throws {@link io.hookstream.spi.HookstreamException} with {@link
 * io.hookstream.spi.ErrorCode#UNAVAILABLE}; a unique-key clash (a slug taken) throws it with {@link
 * io.hookstream.spi.ErrorCode#CONFLICT}. Lists page newest first by id (see {@link PageRequest}).
 *
 * <p>Every method the engine calls is abstract: a store that compiles implements all of it and
 * proves it by passing the contract suites of {@code hookstream-tck}. Later aggregates (topics,
 * collections, replay jobs, test sessions, alert rules, notification channels) arrive as further
 * abstract repository accessors, so a store that lacks one fails to compile, not in production.
 */
public interface Store {

  OrganizationRepository organizations();

  ApiKeyRepository apiKeys();

  SourceRepository sources();

  DestinationRepository destinations();

  ConnectionRepository connections();

  EventRepository events();

  DeliveryRepository deliveries();

  IssueRepository issues();

  CircuitRepository circuits();

  /** The nodes sharing this store and their heartbeats. */
  NodeRepository nodes();

  /** Pub/sub topics and their subscriptions. */
  TopicRepository topics();

  /** Replay and bulk-retry jobs. */
  ReplayJobRepository replayJobs();

  /** Ephemeral test sessions and the requests they recorded. */
  TestSessionRepository testSessions();

  /** The tools API's scheduled sends. */
  ScheduledSendRepository scheduledSends();

  /** Raw metric reads, hourly and daily rollups and their watermarks. */
  MetricsRepository metrics();

  /** Collections, their records, changelogs and backfills. */
  CollectionRepository collections();

  /** Notification channels (webhook, Slack, Discord, email). */
  NotificationChannelRepository notificationChannels();

  /** Alert rules, their evaluation state and trigger history. */
  AlertRuleRepository alertRules();

  /** Window statistics for alert evaluation and the failure-rate issue. */
  MonitoringRepository monitoring();
}
