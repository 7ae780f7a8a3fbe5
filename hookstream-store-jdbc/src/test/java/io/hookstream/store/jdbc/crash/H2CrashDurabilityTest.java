package io.hookstream.store.jdbc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An insert that returned is on disk, even if the process dies the next instant: a child JVM
 * inserts events into an H2 file database (a plain URL, no settings) and is killed with {@code
 * destroyForcibly()} after a random number of acknowledgements, three times on the same files.
 * Every acknowledged event is found afterwards. With H2's default write delay this loses the last
 * half second of commits.
 */
class H2CrashDurabilityTest {

  static final Scope SCOPE = new Scope("org_crash", "env_crash");
  private static final int KILLS = 3;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedInsertSurvivesAKill() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("hookstream").toAbsolutePath();
    String sourceId = "src_" + "0".repeat(32);
    withStore(
        url,
        store ->
            store
                .sources()
                .insert(
                    new SourceRecord(
                        sourceId,
                        SCOPE.orgId(),
                        SCOPE.envId(),
                        "Crash",
                        "crash",
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        1,
                        Instant.now(),
                        Instant.now(),
                        null)));
    long seed = System.nanoTime();
    System.out.println("H2CrashDurabilityTest seed " + seed);
    Random random = new Random(seed);
    List<String> acknowledged = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      acknowledged.addAll(writeUntilKilled(url, sourceId, 100 + random.nextInt(300)));
    }
    List<String> lost = new ArrayList<>();
    withStore(
        url,
        store ->
            acknowledged.stream()
                .filter(id -> store.events().find(SCOPE, id).isEmpty())
                .forEach(lost::add));
    assertThat(lost)
        .as(
            "acknowledged events missing after %d kills (seed %d) of %d",
            KILLS, seed, acknowledged.size())
        .isEmpty();
  }

  /** Runs a writer, kills it after {@code acks} acknowledgements, returns the acknowledged ids. */
  private static List<String> writeUntilKilled(String url, String sourceId, int acks)
      throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AckingWriter.class.getName(),
                url,
                sourceId)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> ids = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (ids.size() < acks && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          ids.add(line.substring(4));
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("writer killed").isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(ids).as("the writer ran (see its stderr)").hasSize(acks);
    return ids;
  }

  private static void withStore(String url, java.util.function.Consumer<Store> use) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    try {
      use.accept(JdbcStores.builder(pool).build().store());
    } finally {
      pool.dispose();
    }
  }
}
