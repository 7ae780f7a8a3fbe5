package io.hookstream.store.memory;

import io.hookstream.spi.Clock;
import io.hookstream.spi.KeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link KeyValueStore} in a {@link ConcurrentHashMap}, with expiry by the given {@link Clock}.
 * An expired key is removed when it is read; in addition, once the writes since the last sweep
 * exceed half the map's size, the writing thread removes every expired key, so memory stays bounded
 * by the live keys at amortized constant cost per write.
 *
 * <p>Thread-safe; {@link #putIfAbsent} and {@link #increment} are atomic per key. TTLs must be
 * positive.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {

  private static final long MIN_WRITES_BETWEEN_SWEEPS = 1024;

  private record Entry(String value, Instant expiresAt) {
    boolean live(Instant now) {
      return expiresAt.isAfter(now);
    }
  }

  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong writesSinceSweep = new AtomicLong();
  private final AtomicBoolean sweeping = new AtomicBoolean();

  /** An empty store whose keys expire by {@code clock}. */
  public InMemoryKeyValueStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<String> get(String key) {
    return live(key).map(Entry::value);
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    entries.put(key, new Entry(value, expiry(ttl)));
    wrote();
  }

  @Override
  public Optional<String> putIfAbsent(String key, String value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    Instant now = clock.now();
    Instant expiresAt = expiry(now, ttl);
    String[] existing = {null};
    entries.compute(
        key,
        (k, old) -> {
          if (old != null && old.live(now)) {
            existing[0] = old.value();
            return old;
          }
          return new Entry(value, expiresAt);
        });
    wrote();
    return Optional.ofNullable(existing[0]);
  }

  @Override
  public long increment(String key, long delta, Duration ttl) {
    Instant now = clock.now();
    Instant expiresAt = expiry(now, ttl);
    Entry updated =
        entries.compute(
            key,
            (k, old) ->
                old != null && old.live(now)
                    ? new Entry(Long.toString(parse(k, old.value()) + delta), old.expiresAt())
                    : new Entry(Long.toString(delta), expiresAt));
    wrote();
    return Long.parseLong(updated.value());
  }

  @Override
  public Optional<Duration> ttl(String key) {
    Instant now = clock.now();
    return live(key).map(e -> Duration.between(now, e.expiresAt()));
  }

  @Override
  public boolean delete(String key) {
    Entry removed = entries.remove(key);
    return removed != null && removed.live(clock.now());
  }

  private Optional<Entry> live(String key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!entry.live(clock.now())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  private static long parse(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("key " + key + " holds a non-numeric value", e);
    }
  }

  private Instant expiry(Duration ttl) {
    return expiry(clock.now(), ttl);
  }

  private static Instant expiry(Instant now, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    return now.plus(ttl);
  }

  private void wrote() {
    long writes = writesSinceSweep.incrementAndGet();
    if (writes >= Math.max(MIN_WRITES_BETWEEN_SWEEPS, entries.size() / 2)
        && sweeping.compareAndSet(false, true)) {
      try {
        writesSinceSweep.set(0);
        Instant now = clock.now();
        entries.values().removeIf(e -> !e.live(now));
      } finally {
        sweeping.set(false);
      }
    }
  }

  /** Number of keys held, live or expired but not yet swept; for tests and monitoring. */
  public int size() {
    return entries.size();
  }
}
