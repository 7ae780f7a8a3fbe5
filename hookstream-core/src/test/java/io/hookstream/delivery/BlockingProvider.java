package io.hookstream.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test destination type ({@code test}) whose deliveries to "blocked" destinations wait for a
 * permit; it measures how many are in flight at once, per destination. Deliveries to other
 * destinations succeed at once.
 */
final class BlockingProvider extends TestTypeProvider {

  private final Map<String, AtomicInteger> current = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> max = new ConcurrentHashMap<>();
  private final Semaphore permits = new Semaphore(0);
  final Semaphore arrivals = new Semaphore(0);
  final List<String> delivered = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> blocked = ConcurrentHashMap.newKeySet();

  void block(String destinationId) {
    blocked.add(destinationId);
  }

  /** Lets {@code n} blocked deliveries finish. */
  void release(int n) {
    permits.release(n);
  }

  int inFlight(String destinationId) {
    return current.getOrDefault(destinationId, new AtomicInteger()).get();
  }

  int maxInFlight(String destinationId) {
    return max.getOrDefault(destinationId, new AtomicInteger()).get();
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    String d = request.destinationId();
    delivered.add(request.eventId());
    if (!blocked.contains(d)) {
      return ScriptedProvider.ok();
    }
    int now = current.computeIfAbsent(d, k -> new AtomicInteger()).incrementAndGet();
    max.computeIfAbsent(d, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    arrivals.release();
    try {
      if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
        return ScriptedProvider.timeout();
      }
      return ScriptedProvider.ok();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ScriptedProvider.timeout();
    } finally {
      current.get(d).decrementAndGet();
    }
  }
}
