package io.hookstream.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used cache for compiled per-source artefacts. The loader runs outside
 * the lock, so a slow compile never blocks lookups of other keys; two threads missing the same key
 * at once may both compute it, and the first stored value wins. A loader that throws stores
 * nothing. Safe for concurrent use.
 */
public final class BoundedCache<K, V> {

  private final Map<K, V> map;

  public BoundedCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The cached value for {@code key}, computing and storing it with {@code loader} if absent. */
  public V get(K key, Function<? super K, ? extends V> loader) {
    synchronized (map) {
      V hit = map.get(key);
      if (hit != null) {
        return hit;
      }
    }
    V computed = loader.apply(key);
    synchronized (map) {
      V raced = map.putIfAbsent(key, computed);
      return raced != null ? raced : computed;
    }
  }

  /** The number of cached entries. */
  public int size() {
    synchronized (map) {
      return map.size();
    }
  }
}
