package io.hookstream.internal;

import io.hookstream.spi.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The engine's one cache. What it reads from the store on a hot path (a source per ingest, a
 * source's routes) is kept for {@code ttl} of engine-clock time; what it compiles from a versioned
 * record (schemas, IP lists, signature verifiers) is kept without expiry ({@link
 * #ExpiringCache(int)}), since a new version is a new key or replaces the entry. {@link
 * #invalidate} drops an entry at once: the services call it after every change on this engine, so
 * the next lookup here reads the new version; a change made through another engine sharing the
 * store is seen here after at most {@code ttl}. A loader's empty answer is not kept (something
 * created elsewhere is found at once). A zero ttl turns caching off. At most {@code maxEntries} are
 * kept; when full, expired entries go first, then arbitrary ones. Lock-free on a hit; safe for
 * concurrent use. Loader failures propagate and cache nothing.
 */
public final class ExpiringCache<K, V> {

  /** How many entries are kept by default. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private static final long NEVER = -1;

  private record Entry<V>(V value, long expiresAtNanos) {}

  private final Clock clock;

  /** 0: nothing is cached; {@link #NEVER}: entries do not expire. */
  private final long ttlNanos;

  private final int maxEntries;
  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

  /** Counts invalidations, so a load that raced with one does not keep what it read. */
  private final AtomicLong invalidations = new AtomicLong();

  public ExpiringCache(Clock clock, Duration ttl, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
  }

  /** A cache whose entries never expire; at most {@code maxEntries} are kept. */
  public ExpiringCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    this.clock = null;
    this.ttlNanos = NEVER;
    this.maxEntries = maxEntries;
  }

  /** The value for {@code key}, from the cache or else computed by {@code loader}. */
  public V load(K key, Function<? super K, ? extends V> loader) {
    return get(key, k -> Optional.of(loader.apply(k))).orElseThrow();
  }

  /** The value for {@code key}, from the cache or else from {@code loader}. */
  public Optional<V> get(K key, Function<? super K, Optional<V>> loader) {
    if (ttlNanos == 0) {
      return loader.apply(key);
    }
    long now = ttlNanos == NEVER ? 0 : clock.monotonicNanos();
    Entry<V> hit = entries.get(key);
    if (hit != null && live(hit, now)) {
      return Optional.of(hit.value());
    }
    long generation = invalidations.get();
    Optional<V> found = loader.apply(key);
    if (found.isEmpty()) {
      entries.remove(key);
      return found;
    }
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      makeRoom(now);
    }
    Entry<V> fresh = new Entry<>(found.get(), ttlNanos == NEVER ? 0 : now + ttlNanos);
    entries.put(key, fresh);
    if (invalidations.get() != generation) {
      // A change on this engine may have landed after our read: keep nothing stale.
      entries.remove(key, fresh);
    }
    return found;
  }

  /** Drops the cached value of {@code key}; the next lookup loads it. */
  public void invalidate(K key) {
    invalidations.incrementAndGet();
    entries.remove(key);
  }

  /** The number of cached entries. */
  public int size() {
    return entries.size();
  }

  private boolean live(Entry<V> e, long now) {
    return ttlNanos == NEVER || e.expiresAtNanos() - now > 0;
  }

  /** Drops expired entries, then (still full) about a tenth of the rest. */
  private void makeRoom(long now) {
    entries.values().removeIf(e -> !live(e, now));
    if (entries.size() < maxEntries) {
      return;
    }
    int excess = entries.size() - maxEntries + Math.max(1, maxEntries / 10);
    Iterator<K> keys = entries.keySet().iterator();
    while (excess-- > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }
}
