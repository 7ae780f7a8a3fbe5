package io.hookstream.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.store.jdbc.KillableDataSource;
import io.hookstream.store.jdbc.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group commit on PostgreSQL with real threads. */
class GroupCommitTest {

  private static final String INSERT = "INSERT INTO gc_rows (id, n) VALUES (?, ?)";

  private KillableDataSource dataSource;
  private Jdbc jdbc;
  private GroupCommit<Object[]> group;
  private ExecutorService pool;

  @BeforeEach
  void setUp() {
    dataSource = new KillableDataSource(TestDatabases.postgresFresh());
    jdbc = new Jdbc(dataSource);
    jdbc.update("CREATE TABLE gc_rows (id text PRIMARY KEY, n integer NOT NULL)");
    group = GroupCommit.ofRows(jdbc, INSERT, 100, 2);
    pool = Executors.newFixedThreadPool(16);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void concurrentInsertsShareCommitsAndEachIsCommittedWhenItReturns() throws Exception {
    List<Integer> invisible =
        runAll(
            16,
            t ->
                () -> {
                  int missing = 0;
                  for (int i = 0; i < 100; i++) {
                    String id = t + "-" + i;
                    group.insert(new Object[] {id, i});
                    // Committed means visible to any other connection at once.
                    if (jdbc.queryOne(
                            "SELECT id FROM gc_rows WHERE id = ?", rs -> rs.getString(1), id)
                        .isEmpty()) {
                      missing++;
                    }
                  }
                  return missing;
                });
    assertThat(invisible).containsOnly(0);
    assertThat(count()).isEqualTo(1600);
    assertThat(group.commits()).isLessThan(1600);
  }

  @Test
  void aDuplicateFailsOnlyItsOwnCaller() throws Exception {
    group.insert(new Object[] {"taken", 0});
    List<String> outcomes =
        runAll(
            16,
            t ->
                () -> {
                  try {
                    group.insert(new Object[] {t == 7 ? "taken" : "row-" + t, t});
                    return "ok";
                  } catch (HookstreamException e) {
                    return e.code().name();
                  }
                });
    for (int t = 0; t < 16; t++) {
      assertThat(outcomes.get(t)).isEqualTo(t == 7 ? "CONFLICT" : "ok");
    }
    assertThat(count()).isEqualTo(16);
  }

  @Test
  void aBatchThatDeadlocksIsRetriedRowByRowAndEveryCallerSucceeds() throws Exception {
    // Whenever rows are grouped, the server reports a deadlock (SQLState 40P01), as a batch that
    // met another transaction's locks in the other order would.
    GroupCommit<Object[]> deadlocking =
        new GroupCommit<>(
            jdbc,
            (c, rows) -> {
              if (rows.size() > 1) {
                Jdbc.update(
                    c,
                    "DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected';"
                        + " END $$");
              }
              Jdbc.batch(c, INSERT, rows);
            },
            100,
            2);
    List<String> outcomes =
        runAll(
            16,
            t ->
                () -> {
                  for (int i = 0; i < 20; i++) {
                    deadlocking.insert(new Object[] {t + "-" + i, i});
                  }
                  return "ok";
                });
    assertThat(outcomes).containsOnly("ok");
    assertThat(count()).isEqualTo(320);
  }

  @Test
  void anUnreachableDatabaseFailsEveryCallerAndLeavesNoLeaderBehind() throws Exception {
    dataSource.kill();
    // Many rounds, so that callers are promoted to lead batches that fail.
    List<List<ErrorCode>> codes =
        runAll(
            16,
            t ->
                () -> {
                  List<ErrorCode> mine = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    try {
                      group.insert(new Object[] {"row-" + t + "-" + i, i});
                      mine.add(null);
                    } catch (HookstreamException e) {
                      mine.add(e.code());
                    }
                  }
                  return mine;
                });
    assertThat(codes.stream().flatMap(List::stream))
        .hasSize(800)
        .containsOnly(ErrorCode.UNAVAILABLE);

    dataSource.revive();
    // Every lead was given back: concurrent callers still get through (a leak would hang them).
    runAll(
        16,
        t ->
            () -> {
              group.insert(new Object[] {"revived-" + t, t});
              return null;
            });
    group.insert(new Object[] {"after", 1});
    assertThat(count()).isEqualTo(17);
    assertThatThrownBy(() -> group.insert(new Object[] {"after", 2}))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  private long count() {
    return jdbc.queryOne("SELECT COUNT(*) FROM gc_rows", rs -> rs.getLong(1)).orElseThrow();
  }

  /** Runs {@code threads} tasks released together; their results in order. */
  private <T> List<T> runAll(int threads, IntFunction<Callable<T>> work) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Callable<T> task = work.apply(t);
      futures.add(
          pool.submit(
              () -> {
                go.await(10, TimeUnit.SECONDS);
                return task.call();
              }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }
}
