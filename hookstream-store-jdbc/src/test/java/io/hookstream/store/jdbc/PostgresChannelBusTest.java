package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.hookstream.spi.ChannelBus.BusMessage;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.store.jdbc.internal.BusCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two buses on one database, as two nodes would have them. */
class PostgresChannelBusTest {

  @TempDir Path dataDirectory;

  @Test
  void messagesCrossBusesArriveWholeWhenLargeAndFlowAgainAfterARestart() throws Exception {
    try (RestartablePostgres pg = new RestartablePostgres(dataDirectory);
        HikariDataSource poolA = pg.pool(4);
        HikariDataSource poolB = pg.pool(4)) {
      KeyValueStore kvA = JdbcStores.builder(poolA).build().keyValueStore();
      KeyValueStore kvB = JdbcStores.builder(poolB).build().keyValueStore();
      try (PostgresChannelBus a =
              PostgresChannelBus.create(poolA, kvA, "hs_test", Duration.ofMillis(200));
          PostgresChannelBus b =
              PostgresChannelBus.create(poolB, kvB, "hs_test", Duration.ofMillis(200))) {
        BlockingQueue<BusMessage> atA = new LinkedBlockingQueue<>();
        BlockingQueue<BusMessage> atB = new LinkedBlockingQueue<>();
        a.subscribe(atA::add);
        AutoCloseable subscriptionB = b.subscribe(atB::add);
        awaitListening(a, b);

        BusMessage small =
            new BusMessage(
                "org_1",
                "events:src_1",
                "event",
                "{\"id\":\"evt_1\",\"note\":\"caf\u00e9 | 12:x\"}");
        b.publish(small);
        assertThat(atA.poll(10, TimeUnit.SECONDS)).isEqualTo(small);
        assertThat(atB.poll(10, TimeUnit.SECONDS)).isEqualTo(small); // the publisher's own too

        String big = "{\"data\":\"" + "\u00e9x".repeat(20_000) + "\"}";
        assertThat(BusCodec.utf8Length(big)).isGreaterThan(PostgresChannelBus.INLINE_LIMIT);
        BusMessage large = new BusMessage("org_1", "events:src_1", "event", big);
        a.publish(large);
        assertThat(atB.poll(10, TimeUnit.SECONDS)).isEqualTo(large);
        assertThat(atA.poll(10, TimeUnit.SECONDS)).isEqualTo(large);

        subscriptionB.close();
        pg.stop();
        pg.start();
        awaitListening(a, b);
        BusMessage after = new BusMessage("org_2", "deliveries:dst_1", "delivery", null);
        // Publishing may be refused while the pools still replace dead connections: retry.
        BusMessage got = null;
        for (int i = 0; i < 20 && got == null; i++) {
          b.publish(after);
          got = atA.poll(500, TimeUnit.MILLISECONDS);
        }
        assertThat(got).isEqualTo(after);
        assertThat(atB).isEmpty(); // unsubscribed
      }
    }
  }

  private static void awaitListening(PostgresChannelBus... buses) {
    BooleanSupplier all =
        () -> {
          for (PostgresChannelBus bus : buses) {
            if (!bus.listening()) {
              return false;
            }
          }
          return true;
        };
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!all.getAsBoolean()) {
      assertThat(System.nanoTime()).as("buses listening in time").isLessThan(deadline);
      LockSupport.parkNanos(20_000_000);
    }
  }
}
