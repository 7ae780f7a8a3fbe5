package io.hookstream.store.jdbc.internal;

/** The table names for one prefix. */
public record Tables(
    String organizations,
    String environments,
    String apiKeys,
    String sources,
    String destinations,
    String connections,
    String events,
    String tasks,
    String attempts,
    String issues,
    String circuits,
    String kv,
    String blobs,
    String claimLocks,
    String nodes,
    String topics,
    String subscriptions,
    String replayJobs,
    String replayJobTasks,
    String notificationChannels,
    String alertRules,
    String alertTriggers) {

  public static Tables withPrefix(String p) {
    return new Tables(
        p + "organizations",
        p + "environments",
        p + "api_keys",
        p + "sources",
        p + "destinations",
        p + "connections",
        p + "events",
        p + "delivery_tasks",
        p + "attempts",
        p + "issues",
        p + "circuits",
        p + "kv",
        p + "blobs",
        p + "claim_locks",
        p + "nodes",
        p + "topics",
        p + "subscriptions",
        p + "replay_jobs",
        p + "replay_job_tasks",
        p + "notification_channels",
        p + "alert_rules",
        p + "alert_triggers");
  }
}
