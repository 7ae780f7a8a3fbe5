package io.hookstream.providers.rabbitmq.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One long-lived publisher per destination, rebuilt when its config changes (a change made on
 * another node shows up as a different key) and closed when the destination is updated or deleted
 * here, or the provider closes. Thread-safe.
 */
final class PublisherCache implements AutoCloseable {

  /** Builds a publisher; may throw what connecting throws. */
  interface Factory {
    Publisher create() throws Exception;
  }

  private record Entry(Object key, Publisher publisher) {}

  private final Map<String, Entry> publishers = new ConcurrentHashMap<>();
  private boolean closed;

  Publisher get(String destinationId, Object key, Factory factory) throws Exception {
    Entry entry = publishers.get(destinationId);
    if (entry != null && entry.key().equals(key)) {
      return entry.publisher();
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the provider is closed");
      }
      Entry current = publishers.get(destinationId);
      if (current != null && current.key().equals(key)) {
        return current.publisher();
      }
      Entry fresh = new Entry(key, factory.create());
      publishers.put(destinationId, fresh);
      if (current != null) {
        current.publisher().close();
      }
      return fresh.publisher();
    }
  }

  void release(String destinationId) {
    Entry entry = publishers.remove(destinationId);
    if (entry != null) {
      entry.publisher().close();
    }
  }

  int size() {
    return publishers.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    publishers.values().forEach(e -> e.publisher().close());
    publishers.clear();
  }
}
