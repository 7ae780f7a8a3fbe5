package io.hookstream.store.jdbc.crash;

import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.JdbcStores;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The child JVM of {@link H2CrashDurabilityTest}: on the H2 file URL given as its argument, exactly
 * as a user would hand it to {@link JdbcStores}, inserts events one after another and prints {@code
 * ACK <id>} after each insert returns, until it is killed.
 */
public final class AckingWriter {

  private AckingWriter() {}

  public static void main(String[] args) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(args[0], "sa", "");
    Store store = JdbcStores.builder(pool).build().store();
    String sourceId = args[1];
    System.out.println("READY");
    for (long n = 0; ; n++) {
      // Time-sortable, as the engine makes them: millis then a counter.
      String id =
          "evt_"
              + HexFormat.of().toHexDigits(System.currentTimeMillis())
              + HexFormat.of().toHexDigits(n);
      store.events().insert(event(id, sourceId, n));
      System.out.println("ACK " + id);
    }
  }

  private static EventRecord event(String id, String sourceId, long n) {
    byte[] body = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    Instant now = Instant.now();
    return new EventRecord(
        id,
        H2CrashDurabilityTest.SCOPE.orgId(),
        H2CrashDurabilityTest.SCOPE.envId(),
        sourceId,
        "POST",
        "/in/" + sourceId,
        Map.of("content-type", List.of("application/json")),
        Map.of(),
        "application/json",
        "127.0.0.1",
        body.length,
        body,
        null,
        "sha",
        EventStatus.RECEIVED,
        "unique",
        null,
        "verified",
        now,
        null,
        now);
  }
}
