package io.hookstream.store.jdbc;

import static io.hookstream.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.ClaimedTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * While another transaction holds its snapshot ({@code xmin}) open, no vacuum may remove the index
 * entries of tasks delivered since, so a claim that scanned its destination's queue from the start
 * read past all of them: its cost grew with the length of the hold. Claims and due-destination
 * probes now start at the destination's scan floors: after 8,800 deliveries under a held snapshot
 * each reads about as many buffers as after 800.
 */
class PostgresHeldSnapshotClaimTest {

  private static final int BATCH = 10;

  /** Sequences are engine-clock microseconds: tasks 10 ms apart. */
  private static final long SEQUENCE_STEP = 10_000;

  private static final Pattern SHARED_HIT = Pattern.compile("Buffers: shared hit=(\\d+)");

  private final RecordingDataSource dataSource =
      new RecordingDataSource(TestDatabases.postgresFresh());
  // Floors refreshed on every claim, so each measured claim starts at the current one.
  private final Store store =
      JdbcStores.builder(dataSource).scanFloorRefresh(Duration.ZERO).build().store();
  private long sequence;

  @Test
  void claimsAndDueProbesCostTheSameLateInAHeldSnapshotAsEarly() throws SQLException {
    try (Connection held = dataSource.getConnection()) {
      held.setAutoCommit(false);
      try (Statement st = held.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        st.execute("SELECT txid_current()");
        st.execute("SELECT COUNT(*) FROM hs_delivery_tasks");
      }
      deliver(80);
      analyze(); // as autovacuum would have by now
      long[] early = buffersOfAClaimAndADueProbe();
      deliver(800);
      long[] late = buffersOfAClaimAndADueProbe();

      assertThat(delivered()).isGreaterThanOrEqualTo(8_800);
      // Scanning from the start, each would read past 17,600 entries late, two per delivery.
      assertThat(late[0])
          .as(
              "buffers read by a claim after 800 deliveries: %d, after 8,800: %d",
              early[0], late[0])
          .isLessThan(Math.max(2 * early[0], 500));
      assertThat(late[1])
          .as("buffers read by a due probe after 800: %d, after 8,800: %d", early[1], late[1])
          .isLessThan(Math.max(2 * early[1], 500));
      held.rollback();
    }
  }

  /** {@code rounds} times: ten new tasks, claimed and then settled as delivered. */
  private void deliver(int rounds) throws SQLException {
    for (int r = 0; r < rounds; r++) {
      addTasks();
      List<ClaimedTask> claimed = store.deliveries().claimDeliveries(claim());
      assertThat(claimed).hasSize(BATCH);
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        st.execute(
            "UPDATE hs_delivery_tasks SET status = 'succeeded', lease_owner = NULL,"
                + " lease_expires_at = NULL, attempts = 1 WHERE status = 'pending'");
      }
    }
  }

  private void addTasks() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          String.format(
              "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id, destination_id,"
                  + " status, attempts, next_attempt_at, sequence, version, created_at,"
                  + " updated_at) SELECT 'dt_' || lpad(to_hex(i), 32, '0'), 'org_test',"
                  + " 'env_test', 'evt_' || i, 'dst_busy', 'pending', 0,"
                  + " TIMESTAMPTZ '2025-12-31 00:00:00Z' + i * interval '10 milliseconds',"
                  + " i * %d, 1, now(), now()"
                  + " FROM generate_series(%d, %d) i",
              SEQUENCE_STEP, sequence + 1, sequence + BATCH));
      sequence += BATCH;
    }
  }

  private static DestinationClaim claim() {
    return new DestinationClaim(
        "dst_busy", "node-1", T0, T0.plusSeconds(60), BATCH, 20, false, null);
  }

  /**
   * Adds a batch, claims it and asks for due destinations, for real, then replays each under {@code
   * EXPLAIN (ANALYZE, BUFFERS)} and rolls the replay back: the shared buffers each read.
   */
  private long[] buffersOfAClaimAndADueProbe() throws SQLException {
    addTasks();
    dataSource.executed().clear();
    store.deliveries().claimDeliveries(claim());
    store.deliveries().dueDestinations(T0, 10, List.of());
    List<RecordingDataSource.Executed> executed = List.copyOf(dataSource.executed());
    return new long[] {buffersOf(executed, "WITH live"), buffersOf(executed, "WITH RECURSIVE")};
  }

  /**
   * Replays the statements before the first that starts with {@code marker} in one transaction,
   * explains that one, and rolls back. The claim being measured is undone first, so that its replay
   * claims the same batch again.
   */
  private long buffersOf(List<RecordingDataSource.Executed> executed, String marker)
      throws SQLException {
    long buffers = -1;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute(
            "UPDATE hs_delivery_tasks SET lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE status = 'pending'");
      }
      int i = 0;
      while (!executed.get(i).sql().startsWith(marker)) {
        try (PreparedStatement ps = executed.get(i++).replay(c, "")) {
          ps.execute();
        }
      }
      try (PreparedStatement ps = executed.get(i).replay(c, "EXPLAIN (ANALYZE, BUFFERS) ");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = SHARED_HIT.matcher(rs.getString(1));
          if (buffers < 0 && m.find()) {
            buffers = Long.parseLong(m.group(1)); // the top node's: the whole statement's
          }
        }
      }
      c.rollback();
    }
    assertThat(buffers).as("buffer counts in the plan of " + marker).isNotNegative();
    return buffers;
  }

  private void analyze() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ANALYZE hs_delivery_tasks");
    }
  }

  private long delivered() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT COUNT(*) FROM hs_delivery_tasks WHERE status = 'succeeded'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
