package io.hookstream.source.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.store.SourceRecord;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The sources the ingest endpoint looks up, kept for {@code ttl} (engine clock) so that a
 * webhook does not cost a store read. {@link #invalidate} drops an entry at once: the source
 * service calls it after every change on this engine, so the next ingest here reads the new
 * version; a change made through another engine sharing the store is seen here after at most
 * {@code ttl}. Unknown ids are not cached (a source created elsewhere works at once); deleted
 * sources are, as the store returns them. A zero ttl turns caching off. At most {@code
 * maxEntries} sources are kept; when full, expired entries go first, then arbitrary ones.
 * Lock-free on a hit; safe for concurrent use. Loader failures propagate and cache nothing.
 */
public final class SourceCache {

  /** How many sources are kept by default. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private record Entry(SourceRecord source, long expiresAtNanos) {}

  private final Function<String, Optional<SourceRecord>> loader;
  private final Clock clock;
  private final long ttlNanos;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  /** Counts invalidations, so a load that raced with one does not keep what it read. */
  private final AtomicLong invalidations = new AtomicLong();

  /**
   * @param loader reads a source from the store by id, deleted ones included
   *     ({@code SourceRepository::findForIngest})
   */
  public SourceCache(Function<String, Optional<SourceRecord>> loader, Clock clock, Duration ttl,
      int maxEntries) {
    this.loader = Objects.requireNonNull(loader, "loader");
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

  /** The source with this id (deleted ones included), from the cache or else the store. */
  public Optional<SourceRecord> find(String id) {
    if (ttlNanos == 0) {
      return loader.apply(id);
    }
    long now = clock.monotonicNanos();
    Entry hit = entries.get(id);
    if (hit != null && hit.expiresAtNanos() - now > 0) {
      return Optional.of(hit.source());
    }
    long generation = invalidations.get();
    Optional<SourceRecord> found = loader.apply(id);
    if (found.isEmpty()) {
      entries.remove(id);
      return found;
    }
    if (entries.size() >= maxEntries && !entries.containsKey(id)) {
      makeRoom(now);
    }
    Entry fresh = new Entry(found.get(), now + ttlNanos);
    entries.put(id, fresh);
    if (invalidations.get() != generation) {
      // A change on this engine may have landed after our read: keep nothing stale.
      entries.remove(id, fresh);
    }
    return found;
  }

  /** Drops the cached copy of a source; the next lookup reads the store. */
  public void invalidate(String id) {
    invalidations.incrementAndGet();
    entries.remove(id);
  }

  /** The number of cached sources. */
  public int size() {
    return entries.size();
  }

  /** Drops expired entries, then (still full) about a tenth of the rest. */
  private void makeRoom(long now) {
    entries.values().removeIf(e -> e.expiresAtNanos() - now <= 0);
    if (entries.size() < maxEntries) {
      return;
    }
    int excess = entries.size() - maxEntries + Math.max(1, maxEntries / 10);
    Iterator<String> keys = entries.keySet().iterator();
    while (excess-- > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }
}
