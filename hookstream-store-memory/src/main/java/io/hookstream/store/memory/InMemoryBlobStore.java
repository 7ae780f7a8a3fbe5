package io.hookstream.store.memory;

import io.hookstream.spi.BlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link BlobStore} in a sorted concurrent map, so that {@link #list} is a range scan. {@link
 * #put} stores a copy of the bytes; {@link #get} returns the stored array, which callers must not
 * modify.
 *
 * <p>Thread-safe. Nothing survives the JVM.
 */
public final class InMemoryBlobStore implements BlobStore {

  /** An empty store. */
  public InMemoryBlobStore() {}

  private final ConcurrentSkipListMap<String, byte[]> blobs = new ConcurrentSkipListMap<>();

  @Override
  public void put(String key, byte[] data) {
    Objects.requireNonNull(key, "key");
    blobs.put(key, Objects.requireNonNull(data, "data").clone());
  }

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(key == null ? null : blobs.get(key));
  }

  @Override
  public boolean delete(String key) {
    return key != null && blobs.remove(key) != null;
  }

  @Override
  public List<String> list(String prefix) {
    String from = prefix == null ? "" : prefix;
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : blobs.tailMap(from, true).entrySet()) {
      if (!e.getKey().startsWith(from)) {
        break;
      }
      keys.add(e.getKey());
    }
    return keys;
  }
}
