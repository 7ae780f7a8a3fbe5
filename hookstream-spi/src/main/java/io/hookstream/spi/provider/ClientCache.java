package io.hookstream.spi.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived client (SDK client, producer, HTTP pool) per destination, rebuilt when the
 * destination's settings change (a change made on another node shows up as a different key) and
 * closed when the destination is updated or deleted here, or the provider closes. Thread-safe.
 */
public final class ClientCache<C extends AutoCloseable> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientCache.class);

  /** Builds a client; may throw what connecting throws. */
  @FunctionalInterface
  public interface Factory<C, E extends Exception> {
    C create() throws E;
  }

  private record Entry<C>(Object key, C client) {}

  private final Map<String, Entry<C>> clients = new ConcurrentHashMap<>();
  private boolean closed;

  /** The client for {@code destinationId} built for {@code key}, built by {@code factory}. */
  public <E extends Exception> C get(String destinationId, Object key, Factory<C, E> factory)
      throws E {
    Entry<C> entry = clients.get(destinationId);
    if (entry != null && entry.key().equals(key)) {
      return entry.client();
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the provider is closed");
      }
      Entry<C> current = clients.get(destinationId);
      if (current != null && current.key().equals(key)) {
        return current.client();
      }
      Entry<C> fresh = new Entry<>(key, factory.create());
      clients.put(destinationId, fresh);
      if (current != null) {
        closeQuietly(current.client());
      }
      return fresh.client();
    }
  }

  /**
   * Closes and forgets the client of {@code destinationId} if it is still {@code client}: a client
   * that failed is dropped without closing the one another thread has put in its place.
   */
  public void release(String destinationId, C client) {
    Entry<C> entry = clients.get(destinationId);
    if (entry != null && entry.client() == client && clients.remove(destinationId, entry)) {
      closeQuietly(client);
    }
  }

  /** Closes and forgets the client of {@code destinationId}, if any. */
  public void release(String destinationId) {
    Entry<C> entry = clients.remove(destinationId);
    if (entry != null) {
      closeQuietly(entry.client());
    }
  }

  /** How many clients are open. */
  public int size() {
    return clients.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    clients.values().forEach(e -> closeQuietly(e.client()));
    clients.clear();
  }

  private static void closeQuietly(AutoCloseable client) {
    try {
      client.close();
    } catch (Exception e) {
      log.warn("closing a destination client failed", e);
    }
  }
}
