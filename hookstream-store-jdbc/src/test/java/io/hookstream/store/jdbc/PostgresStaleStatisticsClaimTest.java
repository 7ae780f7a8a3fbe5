package io.hookstream.store.jdbc;

import static io.hookstream.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A burst arrives while PostgreSQL's statistics still describe an empty queue (a new database, or a
 * quiet one). The claim must still walk the destination's tasks in claim order and stop at its
 * limit: with those statistics the planner once took the due-time index and sorted the whole
 * backlog for every claim (100,000 tasks: 49 ms and a sort on disk each).
 */
class PostgresStaleStatisticsClaimTest {

  @Test
  void aClaimReadsABacklogTheStatisticsNeverSawInIndexOrder() throws SQLException {
    RecordingDataSource dataSource = new RecordingDataSource(TestDatabases.postgresFresh());
    Store store = JdbcStores.builder(dataSource).build().store();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      // Never analyzed (autovacuum has not come by yet): 20,000 tasks leased and delivered,
      // then a burst of 100,000.
      String insert =
          "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id,"
              + " destination_id, status, attempts, next_attempt_at, sequence, version, created_at,"
              + " updated_at) SELECT 'dt_' || lpad(to_hex(i), 32, '0'), 'org_test', 'env_test',"
              + " 'evt_' || lpad(to_hex(i), 32, '0'), 'dst_busy', 'pending', 0,"
              + " TIMESTAMPTZ '2025-12-31 00:00:00Z', i, 1, now(), now()"
              + " FROM generate_series(%d, %d) i";
      st.execute(String.format(insert, 1, 20_000));
      st.execute(
          "UPDATE hs_delivery_tasks SET lease_owner = 'node-0',"
              + " lease_expires_at = TIMESTAMPTZ '2026-01-01 00:00:30Z'");
      st.execute(
          "UPDATE hs_delivery_tasks SET status = 'succeeded', lease_owner = NULL,"
              + " lease_expires_at = NULL");
      st.execute(String.format(insert, 20_001, 120_000));
    }
    dataSource.executed().clear();
    store
        .deliveries()
        .claimDeliveries(
            new DestinationClaim(
                "dst_busy", "node-1", T0, T0.plusSeconds(30), 10, 20, false, null));

    String plan = planInTheClaimsTransaction(dataSource, dataSource.executed());
    assertThat(plan).contains("hs_tasks_destination").doesNotContain("Sort");
  }

  /**
   * Replays the claim transaction's statements up to the claim (the one with {@code WITH live}),
   * explains the claim, and rolls back.
   */
  private static String planInTheClaimsTransaction(
      RecordingDataSource dataSource, List<RecordingDataSource.Executed> transaction)
      throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int claim = 0;
      while (!transaction.get(claim).sql().startsWith("WITH live")) {
        try (PreparedStatement ps = transaction.get(claim++).replay(c, "")) {
          ps.execute();
        }
      }
      try (PreparedStatement ps = transaction.get(claim).replay(c, "EXPLAIN ");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      c.rollback();
    }
    return plan.toString();
  }
}
