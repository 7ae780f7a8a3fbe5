package io.hookstream.ingest.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.KeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** A test-only KeyValueStore: atomic per key through ConcurrentHashMap.compute, expiring by clock. */
final class ClockedKeyValueStore implements KeyValueStore {

  private record Entry(String value, Instant expiresAt) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();

  ClockedKeyValueStore(Clock clock) {
    this.clock = clock;
  }

  private boolean live(Entry e) {
    return e != null && clock.now().isBefore(e.expiresAt);
  }

  @Override
  public Optional<String> get(String key) {
    Entry e = map.get(key);
    return live(e) ? Optional.of(e.value) : Optional.empty();
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    map.put(key, new Entry(value, clock.now().plus(ttl)));
  }

  @Override
  public Optional<String> putIfAbsent(String key, String value, Duration ttl) {
    AtomicReference<String> existing = new AtomicReference<>();
    map.compute(
        key,
        (k, e) -> {
          if (live(e)) {
            existing.set(e.value);
            return e;
          }
          return new Entry(value, clock.now().plus(ttl));
        });
    return Optional.ofNullable(existing.get());
  }

  @Override
  public long increment(String key, long delta, Duration ttl) {
    Entry e =
        map.compute(
            key,
            (k, old) ->
                live(old)
                    ? new Entry(Long.toString(Long.parseLong(old.value) + delta), old.expiresAt)
                    : new Entry(Long.toString(delta), clock.now().plus(ttl)));
    return Long.parseLong(e.value);
  }

  @Override
  public Optional<Duration> ttl(String key) {
    Entry e = map.get(key);
    return live(e) ? Optional.of(Duration.between(clock.now(), e.expiresAt)) : Optional.empty();
  }

  @Override
  public boolean delete(String key) {
    Entry e = map.remove(key);
    return live(e);
  }
}
