package io.hookstream.store.jdbc;

import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.store.jdbc.internal.Dialect;
import io.hookstream.store.jdbc.internal.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link KeyValueStore} in the {@code <prefix>kv} table. Expiry is an {@code expires_at} column
 * compared with the engine's {@link Clock}; an expired row reads as absent and is replaced by the
 * next write of its key. {@link #putIfAbsent} and {@link #increment} are atomic across every
 * process sharing the database: the primary key decides who inserts first, and an increment is one
 * UPDATE. TTLs must be positive. Thread-safe. Built by {@link JdbcStores}.
 */
public final class JdbcKeyValueStore implements KeyValueStore {

  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
  private static final int MAX_RACES = 100;

  private final Jdbc jdbc;
  private final Clock clock;
  private final String table;
  private final String upsert;
  private final String insertIfAbsent;

  JdbcKeyValueStore(Jdbc jdbc, Dialect dialect, String table, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.table = table;
    List<String> columns = List.of("k", "v", "expires_at");
    this.upsert = dialect.upsert(table, "k", columns);
    this.insertIfAbsent = dialect.insertIfAbsent(table, columns);
  }

  @Override
  public Optional<String> get(String key) {
    return jdbc.queryOne(
        "SELECT v FROM " + table + " WHERE k = ? AND " + LIVE,
        rs -> rs.getString("v"),
        key,
        clock.now());
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    jdbc.update(upsert, key, value, expiry(ttl));
  }

  @Override
  public Optional<String> putIfAbsent(String key, String value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    for (int race = 0; race < MAX_RACES; race++) {
      Instant now = clock.now();
      if (tryInsert(key, value, expiry(ttl), now)) {
        return Optional.empty();
      }
      Optional<String> live = get(key);
      if (live.isPresent()) {
        return live;
      }
      // The holder expired or was deleted between our insert and our read: try again.
    }
    throw contended(key);
  }

  @Override
  public long increment(String key, long delta, Duration ttl) {
    for (int race = 0; race < MAX_RACES; race++) {
      Instant now = clock.now();
      Optional<Long> updated =
          jdbc.inTransaction(
              c -> {
                int n =
                    Jdbc.update(
                        c,
                        "UPDATE "
                            + table
                            + " SET v = CAST(CAST(v AS BIGINT) + ? AS"
                            + " VARCHAR(20)) WHERE k = ? AND "
                            + LIVE,
                        delta,
                        key,
                        now);
                if (n == 0) {
                  return Optional.<Long>empty();
                }
                return Optional.of(
                    Long.parseLong(
                        Jdbc.query(
                                c,
                                "SELECT v FROM " + table + " WHERE k = ?",
                                rs -> rs.getString("v"),
                                key)
                            .get(0)));
              });
      if (updated.isPresent()) {
        return updated.get();
      }
      if (tryInsert(key, Long.toString(delta), expiry(ttl), now)) {
        return delta;
      }
    }
    throw contended(key);
  }

  @Override
  public Optional<Duration> ttl(String key) {
    Instant now = clock.now();
    return jdbc.queryOne(
        "SELECT expires_at FROM " + table + " WHERE k = ? AND expires_at > ?",
        rs -> Duration.between(now, Jdbc.instant(rs, "expires_at")),
        key,
        now);
  }

  @Override
  public boolean delete(String key) {
    return jdbc.update("DELETE FROM " + table + " WHERE k = ? AND " + LIVE, key, clock.now()) == 1;
  }

  /** Deletes up to {@code limit} expired rows, soonest expired first (the retention job's call). */
  @Override
  public int purgeExpired(int limit) {
    if (limit <= 0) {
      return 0;
    }
    return jdbc.update(
        "DELETE FROM "
            + table
            + " WHERE k IN (SELECT k FROM "
            + table
            + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)",
        clock.now(),
        limit);
  }

  /** Removes an expired row of {@code key}, then inserts unless a live one is there. */
  private boolean tryInsert(String key, String value, Instant expiresAt, Instant now) {
    jdbc.update("DELETE FROM " + table + " WHERE k = ? AND expires_at <= ?", key, now);
    try {
      return jdbc.update(insertIfAbsent, key, value, expiresAt) == 1;
    } catch (HookstreamException e) {
      if (e.code() == ErrorCode.CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  private Instant expiry(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    return clock.now().plus(ttl);
  }

  private static HookstreamException contended(String key) {
    return new HookstreamException(ErrorCode.UNAVAILABLE, "key-value store contended: " + key);
  }
}
