package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.ManualClock;
import io.hookstream.tck.WebhookReceiver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On a fresh PostgreSQL database (no statistics yet, as right after installation) the delivery path
 * reaches each event by its primary key. It once went through a scope-prefixed index under
 * PostgreSQL's cached generic plan and read every event of the environment per delivery, which
 * capped end-to-end throughput near 650 deliveries/s.
 */
class PostgresFreshDatabaseDeliveryTest {

  private static final int EVENTS = 40; // past the 5 executions after which plans go generic

  @Test
  void deliveriesReachTheirEventsByPrimaryKey() throws Exception {
    DataSource ds = TestDatabases.postgresFresh();
    ManualClock clock = new ManualClock();
    try (WebhookReceiver receiver = WebhookReceiver.start(clock);
        OneRouteEngine engine = OneRouteEngine.create(ds, clock, receiver)) {
      Hookstream hs = engine.hs();
      for (int i = 0; i < EVENTS; i++) {
        hs.ingest(engine.sourceId(), IngestRequest.json("{\"n\":" + i + "}"));
        assertThat(hs.runDueDeliveries().succeeded()).isEqualTo(1);
      }
    }
    Map<String, Long> scans = awaitEventIndexScans(ds, 2L * EVENTS);
    assertThat(scans)
        .as("index scans of hs_events")
        .containsEntry("hs_events_received", 0L)
        .containsEntry("hs_events_scope", 0L);
    assertThat(scans.get("hs_events_pkey")).isGreaterThanOrEqualTo(2L * EVENTS);
  }

  /**
   * Index scans per hs_events index, once the statistics show at least {@code expected} in all:
   * backends report them within about a second of their transactions (bounded wait).
   */
  private static Map<String, Long> awaitEventIndexScans(DataSource ds, long expected)
      throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Map<String, Long> scans = new TreeMap<>();
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        st.execute("SELECT pg_stat_clear_snapshot()");
        try (ResultSet rs =
            st.executeQuery(
                "SELECT indexrelname, idx_scan"
                    + " FROM pg_stat_user_indexes WHERE relname = 'hs_events'")) {
          while (rs.next()) {
            scans.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      long total = scans.values().stream().mapToLong(Long::longValue).sum();
      if (total >= expected || System.nanoTime() > deadline) {
        return scans;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }
}
