package io.hookstream.spi;

import java.util.List;
import java.util.Optional;

/**
 * Byte payloads by key: event bodies over the inline threshold (10 KB by default) and NDJSON
 * archives. Keys are slash-separated paths such as {@code org_x/env_y/evt_z}.
 *
 * <p>Implementations must be safe for concurrent use. {@link #put} is durable when it returns. A
 * failure to reach the backing store throws {@link HookstreamException} with {@link
 * ErrorCode#UNAVAILABLE}.
 */
public interface BlobStore {

  /** Stores {@code data} under {@code key}, replacing any previous value. */
  void put(String key, byte[] data);

  /** The bytes under {@code key}, or empty. */
  Optional<byte[]> get(String key);

  /** Removes {@code key}; returns whether it existed. */
  boolean delete(String key);

  /** Keys starting with {@code prefix}, in lexicographic order. */
  List<String> list(String prefix);
}
