package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scheduler's claim queries on H2 read index entries by destination, not the backlog: with 4
 * destinations of 5,000 tasks each (a few pending), {@code EXPLAIN ANALYZE} of exactly the SQL the
 * store ran reports only small scan counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2IndexUseTest {

  private static final Instant NOW = Instant.parse("2021-01-01T00:00:00Z");
  private static final Instant LATER = Instant.parse("2021-01-03T00:00:00Z");
  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  private RecordingDataSource dataSource;
  private Store store;

  @BeforeAll
  void fill() throws SQLException {
    DataSource h2 = TestDatabases.h2Memory();
    dataSource = new RecordingDataSource(h2);
    store = JdbcStores.builder(dataSource).build().store();
    try (Connection c = h2.getConnection();
        Statement st = c.createStatement()) {
      // Destinations take turns by hundreds; one task in a hundred is pending and due.
      st.execute(
          "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id, connection_id,"
              + " destination_id, status, attempts, next_attempt_at, sequence, version, created_at,"
              + " updated_at) SELECT 'dt_' || LPAD(X, 10, '0'), 'o', 'e', 'evt_' || X, 'c',"
              + " 'dst_' || MOD(X / 100, 4), CASE WHEN MOD(X, 100) = 0 THEN 'pending'"
              + " ELSE 'succeeded' END, 0, TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00', X, 1,"
              + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00',"
              + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00' FROM SYSTEM_RANGE(1, 20000)");
      // A destination with ordered keys: 100 customers with 50 pending tasks each, interleaved,
      // due only after NOW so that the other tests do not see them.
      st.execute(
          "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id, connection_id,"
              + " destination_id, status, attempts, next_attempt_at, sequence, ordering_key,"
              + " version, created_at, updated_at) SELECT 'dk_' || LPAD(X, 10, '0'), 'o', 'e',"
              + " 'evt_' || X, 'c', 'dst_keyed', 'pending', 0,"
              + " TIMESTAMP WITH TIME ZONE '2021-01-02 00:00:00+00', X, 'cus_' || MOD(X, 100), 1,"
              + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00',"
              + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00' FROM SYSTEM_RANGE(1, 5000)");
      st.execute("ANALYZE");
    }
  }

  @Test
  void destinationsWithDueWorkAreFoundWithoutReadingTheBacklog() throws SQLException {
    List<Long> scans =
        scanCounts(
            () ->
                assertThat(store.deliveries().dueDestinations(NOW, 16, List.of()))
                    .containsExactly("dst_0", "dst_1", "dst_2", "dst_3"),
            "WITH RECURSIVE");
    assertThat(scans).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThan(20));
  }

  @Test
  void liveLeasesAreCountedFromTheirOwnIndexRange() throws SQLException {
    List<Long> scans =
        scanCounts(
            () ->
                store
                    .deliveries()
                    .claimDeliveries(
                        new DestinationClaim(
                            "dst_1", "node-1", NOW, NOW.plusSeconds(30), 1, 10, false, null)),
            "COUNT(*)");
    assertThat(scans).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThan(20));
  }

  @Test
  void keyedClaimProbesEachCandidatesKeyThroughTheKeyIndex() throws SQLException {
    List<String> keys = new ArrayList<>();
    List<Long> scans =
        scanCounts(
            () ->
                store
                    .deliveries()
                    .claimDeliveries(
                        new DestinationClaim(
                            "dst_keyed",
                            "node-1",
                            LATER,
                            LATER.plusSeconds(30),
                            10,
                            20,
                            false,
                            null))
                    .forEach(t -> keys.add(t.task().orderingKey())),
            "SELECT id, version");
    assertThat(keys).hasSize(10).doesNotHaveDuplicates();
    assertThat(scans).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThan(50));
  }

  /** EXPLAIN ANALYZEs the last statement {@code call} ran containing {@code marker}. */
  private List<Long> scanCounts(Runnable call, String marker) throws SQLException {
    dataSource.executed().clear();
    call.run();
    RecordingDataSource.Executed last =
        dataSource.executed().stream()
            .filter(e -> e.sql().contains(marker))
            .reduce((a, b) -> b)
            .orElseThrow();
    List<Long> counts = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = last.replay(c, "EXPLAIN ANALYZE ");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Matcher m = SCAN_COUNT.matcher(rs.getString(1));
        while (m.find()) {
          counts.add(Long.parseLong(m.group(1)));
        }
      }
    }
    return counts;
  }
}
