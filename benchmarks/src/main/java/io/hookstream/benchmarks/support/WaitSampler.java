package io.hookstream.benchmarks.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Samples, every 100 ms on a thread of its own, what the active sessions of one PostgreSQL database
 * are waiting for ({@code pg_stat_activity.wait_event_type:wait_event}; "running" when none), so a
 * harness can say whether its engines wait on locks, on WAL flushes or on the CPU. Reads on a
 * connection to the maintenance database. Stops when closed.
 */
public final class WaitSampler implements AutoCloseable {

  private final Map<String, Long> samples = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stopped;

  public WaitSampler(Databases databases, String database) {
    thread =
        new Thread(
            () -> {
              try (Connection c = databases.serverConnection();
                  PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT coalesce(wait_event_type || ':' || wait_event, 'running'),"
                              + " count(*) FROM pg_stat_activity WHERE datname = ?"
                              + " AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1")) {
                ps.setString(1, database);
                while (!stopped) {
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      samples.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    }
                  }
                  TimeUnit.MILLISECONDS.sleep(100);
                }
              } catch (SQLException | InterruptedException e) {
                samples.merge("sampler failed: " + e.getMessage(), 1L, Long::sum);
              }
            },
            "wait-sampler-" + database);
    thread.setDaemon(true);
    thread.start();
  }

  /** The most frequent waits as shares of all active-session samples, such as "running 40 %". */
  public String top(int n) {
    long all = samples.values().stream().mapToLong(Long::longValue).sum();
    List<Map.Entry<String, Long>> sorted =
        samples.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(n)
            .toList();
    return sorted.stream()
        .map(
            e ->
                String.format(
                    Locale.ROOT, "%s %.0f %%", e.getKey(), 100.0 * e.getValue() / Math.max(1, all)))
        .collect(Collectors.joining(", "));
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(TimeUnit.SECONDS.toMillis(5));
  }
}
