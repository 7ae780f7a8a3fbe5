package io.hookstream.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.store.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scan floors on PostgreSQL, with a hand-moved timer: a floor follows the lowest pending task,
 * moves only when a refresh is due, and a task committed below it is found by a later refresh.
 */
class ScanFloorsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");
  private static final long SLACK = ScanFloors.SLACK.toNanos() / 1000;
  private static final String DST = "dst_floors";
  private static final long REFRESH = 250_000_000L;

  private final AtomicLong nanos = new AtomicLong();
  private DataSource dataSource;
  private Jdbc jdbc;
  private ScanFloors floors;

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.postgresFresh();
    JdbcStores.builder(dataSource).build();
    jdbc = new Jdbc(dataSource);
    floors = new ScanFloors("hs_delivery_tasks", nanos::get, REFRESH);
  }

  @Test
  void floorsLieJustBelowTheLowestPendingTask() throws SQLException {
    for (int i = 0; i < 10; i++) {
      task("dt_" + i, 5_000_000 + i, "pending", NOW.minusSeconds(60 - i));
    }
    ScanFloors.Floor f = floor();
    assertThat(f.sequence()).isEqualTo(5_000_000 - SLACK);
    assertThat(f.due()).isEqualTo(NOW.minusSeconds(60).minus(ScanFloors.SLACK));
  }

  @Test
  void aFloorMovesUpOnlyWhenARefreshIsDue() throws SQLException {
    for (int i = 0; i < 10; i++) {
      task("dt_" + i, 5_000_000 + i * 100_000, "pending", NOW);
    }
    long first = floor().sequence();
    jdbc.update("UPDATE hs_delivery_tasks SET status = 'succeeded' WHERE sequence < 5500000");

    nanos.addAndGet(REFRESH - 1);
    assertThat(floor().sequence()).isEqualTo(first);
    nanos.addAndGet(1);
    assertThat(floor().sequence()).isEqualTo(5_500_000 - SLACK);
  }

  @Test
  void aTaskCommittedFarBelowTheFloorIsFoundByTheNextFullRefresh() throws SQLException {
    task("dt_head", 50_000_000, "pending", NOW);
    long first = floor().sequence();
    long late = first - 5_000_000; // five seconds of sequence below: beyond a refresh's margin
    task("dt_late", late, "pending", NOW);

    nanos.addAndGet(REFRESH);
    assertThat(floor().sequence()).isEqualTo(first);
    nanos.addAndGet(ScanFloors.FULL_NANOS);
    assertThat(floor().sequence()).isEqualTo(late - SLACK);
  }

  @Test
  void aTaskCommittedJustBelowTheFloorIsFoundByTheNextRefresh() throws SQLException {
    task("dt_head", 50_000_000, "pending", NOW);
    long first = floor().sequence();
    task("dt_late", first - 100_000, "pending", NOW);

    nanos.addAndGet(REFRESH);
    assertThat(floor().sequence()).isEqualTo(first - 100_000 - SLACK);
  }

  @Test
  void withNothingPendingTheSequenceFloorStaysAndTheDueFloorFollowsTheClock() throws SQLException {
    task("dt_1", 7_000_000, "pending", NOW.minusSeconds(5));
    long first = floor().sequence();
    jdbc.update("UPDATE hs_delivery_tasks SET status = 'succeeded'");

    nanos.addAndGet(ScanFloors.FULL_NANOS);
    ScanFloors.Floor f = floor(NOW.plusSeconds(30));
    assertThat(f.sequence()).isEqualTo(first);
    assertThat(f.due()).isEqualTo(NOW.plusSeconds(30).minus(ScanFloors.SLACK));
  }

  @Test
  void theDueFloorNeverLiesAfterNowSoNewTasksAreAboveIt() throws SQLException {
    task("dt_retry", 1, "pending", NOW.plus(Duration.ofHours(1))); // a retry due in an hour
    assertThat(floor().due()).isEqualTo(NOW.minus(ScanFloors.SLACK));
  }

  @Test
  void aTaskThisNodeWritesBelowTheFloorsLowersThemAtOnce() throws SQLException {
    task("dt_head", 50_000_000, "pending", NOW);
    floor();
    DeliveryTask retried =
        new DeliveryTask(
            "dt_old",
            "org_test",
            "env_test",
            "evt_old",
            null,
            DST,
            TaskStatus.PENDING,
            1,
            NOW.minusSeconds(3600),
            null,
            null,
            null,
            null,
            1_000,
            null,
            2,
            NOW,
            NOW);
    floors.admit(retried);

    ScanFloors.Floor f = floor(); // no refresh due: the admitted task's floors
    assertThat(f.sequence()).isEqualTo(1_000 - SLACK);
    assertThat(f.due()).isEqualTo(NOW.minusSeconds(3600).minus(ScanFloors.SLACK));
  }

  private ScanFloors.Floor floor() throws SQLException {
    return floor(NOW);
  }

  private ScanFloors.Floor floor(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return floors.floor(c, DST, now);
    }
  }

  private void task(String id, long sequence, String status, Instant due) {
    jdbc.update(
        "INSERT INTO hs_delivery_tasks (id, org_id, env_id, event_id, destination_id, status,"
            + " attempts, next_attempt_at, sequence, version, created_at, updated_at)"
            + " VALUES (?, 'org_test', 'env_test', ?, ?, ?, 0, ?, ?, 1, ?, ?)",
        id,
        "evt_" + id,
        DST,
        status,
        Timestamp.from(due),
        sequence,
        Timestamp.from(NOW),
        Timestamp.from(NOW));
  }
}
