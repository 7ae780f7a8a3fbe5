package io.hookstream.store.jdbc;

import static io.hookstream.store.jdbc.Fixtures.SCOPE;
import static io.hookstream.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.store.AttemptQuery;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.EventQuery;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hot queries stay O(page) as tables grow: with 20,000 rows per table and fresh statistics,
 * PostgreSQL answers each from an index, reading no whole table and sorting nothing. The SQL
 * explained is exactly what the store executed, with its parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresIndexUseTest {

  private static final int ROWS = 20_000;

  /** The tested environment is a small tenant (2%) among big ones, as in a shared database. */
  private static final String ENV =
      "CASE WHEN i % 50 = 0 THEN 'env_test' ELSE 'env_big' || (i % 5) END";

  private RecordingDataSource dataSource;
  private Store store;

  @BeforeAll
  void fill() throws SQLException {
    dataSource = new RecordingDataSource(TestDatabases.postgresFresh());
    store = JdbcStores.builder(dataSource).build().store();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO hs_events (id, org_id, env_id, source_id, method, body_size,"
              + " body, status, received_at, routed_at, updated_at)"
              + " SELECT 'evt_' || lpad(to_hex(i), 32, '0'), 'org_test',"
              + " "
              + ENV
              + ", 'src_' || (i % 7),"
              + " 'POST', 2, '{}'::bytea,"
              + " CASE (i / 50) % 10 WHEN 0 THEN 'failed' WHEN 1 THEN 'received' ELSE 'delivered' END,"
              + " now() - i * interval '1 second', now(), now()"
              + " FROM generate_series(1, "
              + ROWS
              + ") i");
      st.execute(
          "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id, destination_id,"
              + " status, attempts, next_attempt_at, sequence, version, created_at, updated_at)"
              + " SELECT 'dt_' || lpad(to_hex(i), 32, '0'), 'org_test', 'env_test',"
              + " 'evt_' || lpad(to_hex(i), 32, '0'), 'dst_' || (i % 20),"
              + " CASE WHEN i % 200 = 0 THEN 'pending' ELSE 'succeeded' END, 1,"
              + " TIMESTAMPTZ '2026-01-01 00:00:00Z' - i * interval '1 second', i, 1, now(), now()"
              + " FROM generate_series(1, "
              + ROWS
              + ") i");
      // One busy destination with a long backlog: its claim must read a page, not the backlog.
      st.execute(
          "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id, destination_id,"
              + " status, attempts, next_attempt_at, sequence, version, created_at, updated_at)"
              + " SELECT 'dt_busy' || lpad(to_hex(i), 32, '0'), 'org_test', 'env_test',"
              + " 'evt_' || lpad(to_hex(i), 32, '0'), 'dst_busy', 'pending', 0,"
              + " TIMESTAMPTZ '2025-12-31 00:00:00Z' + (i % 100) * interval '1 second', i, 1,"
              + " now(), now() FROM generate_series(1, 5000) i");
      // A destination with ordered keys: 100 customers with 50 pending tasks each, interleaved.
      st.execute(
          "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id, destination_id,"
              + " status, attempts, next_attempt_at, sequence, ordering_key, version, created_at,"
              + " updated_at) SELECT 'dt_keyed' || lpad(to_hex(i), 32, '0'), 'org_test',"
              + " 'env_test', 'evt_' || lpad(to_hex(i), 32, '0'), 'dst_keyed', 'pending', 0,"
              + " TIMESTAMPTZ '2025-12-31 00:00:00Z', i, 'cus_' || (i % 100), 1, now(), now()"
              + " FROM generate_series(1, 5000) i");
      st.execute(
          "INSERT INTO hs_attempts (id, org_id, env_id, event_id, destination_id,"
              + " attempt_number, status, dlq, attempted_at)"
              + " SELECT 'da_' || lpad(to_hex(i), 32, '0'), 'org_test', "
              + ENV
              + ","
              + " 'evt_' || lpad(to_hex(i / 4), 32, '0'), 'dst_' || (i % 20), 1 + i % 4,"
              + " 'failed', false, now() FROM generate_series(1, "
              + ROWS
              + ") i");
      st.execute("ANALYZE");
    }
  }

  @Test
  void firstPageOfEvents() throws SQLException {
    String plan = planOf(() -> store.events().list(SCOPE, EventQuery.ALL, PageRequest.first(20)));
    assertThat(plan).contains("using hs_events_scope");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void eventsOfOneSource() throws SQLException {
    String plan =
        planOf(
            () ->
                store
                    .events()
                    .list(
                        SCOPE,
                        new EventQuery("src_3", null, null, null, null),
                        PageRequest.first(20)));
    assertThat(plan).contains("hs_events_source");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void eventsByStatus() throws SQLException {
    String plan =
        planOf(
            () ->
                store
                    .events()
                    .list(
                        SCOPE,
                        new EventQuery(null, EventStatus.FAILED, null, null, null),
                        PageRequest.first(20)));
    assertThat(plan).contains("hs_events_status");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void destinationsWithDueWorkAreFoundWithoutReadingTheBacklog() throws SQLException {
    String plan =
        planOf(
            () ->
                assertThat(store.deliveries().dueDestinations(T0, 100, List.of("dst_3")))
                    .contains("dst_busy", "dst_0"));
    assertThat(plan)
        .contains("Recursive Union")
        .contains("hs_tasks_destination_due")
        .doesNotContain("Seq Scan");
  }

  @Test
  void orderedClaimOfOneDestinationReadsOnlyItsHead() throws SQLException {
    Runnable claim =
        () ->
            store
                .deliveries()
                .claimDeliveries(
                    new DestinationClaim(
                        "dst_busy", "node-1", T0, T0.plusSeconds(30), 10, 20, true, null));
    String head = planOf(claim, "LIMIT 1");
    assertThat(head).contains("hs_tasks_destination");
    assertReadsNoTableAndSortsNothing(head);
    String count = planOf(claim, "lease_expires_at > ?");
    assertThat(count).contains("hs_tasks_leased").doesNotContain("Seq Scan");
  }

  @Test
  void claimOfOneDestinationsDeliveriesWithTheirEvents() throws SQLException {
    Runnable claim =
        () ->
            store
                .deliveries()
                .claimDeliveries(
                    new DestinationClaim(
                        "dst_busy", "node-1", T0, T0.plusSeconds(30), 10, 20, false, null));
    String plan = planOf(claim, "WITH live");
    assertThat(plan)
        .contains("hs_tasks_destination")
        .contains("hs_tasks_leased")
        .contains("hs_events_pkey")
        .contains("hs_tasks_event")
        .contains("LockRows");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void keyedClaimProbesEachCandidatesKeyThroughTheKeyIndex() throws SQLException {
    List<String> keys = new ArrayList<>();
    Runnable claim =
        () ->
            store
                .deliveries()
                .claimDeliveries(
                    new DestinationClaim(
                        "dst_keyed", "node-1", T0, T0.plusSeconds(30), 10, 20, false, null))
                .forEach(t -> keys.add(t.task().orderingKey()));
    String plan = planOf(claim, "WITH live");
    assertThat(keys).hasSize(10).doesNotHaveDuplicates();
    assertThat(plan).contains("hs_tasks_key_order").contains("hs_tasks_destination");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void releasingANodesLeasesReadsOnlyLeasedTasks() throws SQLException {
    String plan = planOf(() -> store.deliveries().releaseLeases("node-gone", T0), "UPDATE");
    assertThat(plan).contains("hs_tasks_leased").doesNotContain("Seq Scan");
  }

  @Test
  void retentionPurgeReadsTheOldestEventsOfOneEnvironment() throws SQLException {
    // The archive step refuses, so the purge rolls back and the data stays for the other tests.
    String plan =
        planOf(
            () ->
                assertThatThrownBy(
                        () ->
                            store
                                .events()
                                .purgeBefore(
                                    SCOPE,
                                    Instant.now().minusSeconds(3600),
                                    10,
                                    batch -> {
                                      throw new IllegalStateException("keep the rows");
                                    }))
                    .hasMessage("keep the rows"),
            "FOR UPDATE");
    assertThat(plan).contains("hs_events_received").contains("LockRows");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void attemptsOfOneEvent() throws SQLException {
    String eventId = "evt_" + "0".repeat(30) + "32";
    String plan =
        planOf(
            () ->
                store
                    .deliveries()
                    .listAttempts(
                        SCOPE,
                        new AttemptQuery(eventId, null, null, null, null),
                        PageRequest.first(20)));
    assertThat(plan).contains("hs_attempts_event");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void attemptsOfOneDestination() throws SQLException {
    String plan =
        planOf(
            () ->
                store
                    .deliveries()
                    .listAttempts(
                        SCOPE,
                        new AttemptQuery(null, null, "dst_7", null, null),
                        PageRequest.first(20)));
    assertThat(plan).contains("hs_attempts_destination");
    assertReadsNoTableAndSortsNothing(plan);
  }

  @Test
  void metricsCountAnHoursEventsOfOneEnvironmentThroughTheReceivedIndex() throws SQLException {
    Instant now = Instant.now();
    String plan =
        planOf(() -> store.metrics().countEventsByHour(SCOPE, now.minusSeconds(3600), now));
    assertThat(plan).contains("hs_events_received").doesNotContain("Seq Scan");
  }

  @Test
  void metricsStreamAnHoursAttemptsOfOneEnvironmentThroughTheTimeIndex() throws SQLException {
    Instant now = Instant.now();
    String plan =
        planOf(
            () ->
                store
                    .metrics()
                    .forEachAttempt(SCOPE, now.minusSeconds(3600), now.plusSeconds(3600), a -> {}));
    assertThat(plan).contains("hs_attempts_time").doesNotContain("Seq Scan");
  }

  private static void assertReadsNoTableAndSortsNothing(String plan) {
    assertThat(plan).contains("Index").doesNotContain("Seq Scan").doesNotContain("Sort");
  }

  /** Runs {@code call} through the store and EXPLAINs the statement it executed last. */
  private String planOf(Runnable call) throws SQLException {
    return planOf(call, "");
  }

  /** EXPLAINs the last statement {@code call} executed whose SQL contains {@code marker}. */
  private String planOf(Runnable call, String marker) throws SQLException {
    dataSource.executed().clear();
    call.run();
    RecordingDataSource.Executed last =
        dataSource.executed().stream()
            .filter(e -> e.sql().contains(marker))
            .reduce((a, b) -> b)
            .orElseThrow();
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = last.replay(c, "EXPLAIN ");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
