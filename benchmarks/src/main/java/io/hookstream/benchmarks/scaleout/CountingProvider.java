package io.hookstream.benchmarks.scaleout;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A destination provider that counts the successful deliveries of the one it wraps: the HTTP
 * provider's requests do not say which engine sent them, so each node counts its own.
 */
final class CountingProvider implements DestinationProvider, AutoCloseable {

  private final DestinationProvider wrapped;
  private final AtomicLong delivered = new AtomicLong();

  CountingProvider(DestinationProvider wrapped) {
    this.wrapped = wrapped;
  }

  long delivered() {
    return delivered.get();
  }

  @Override
  public String type() {
    return wrapped.type();
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return wrapped.validate(config);
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return wrapped.mask(config);
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    DeliveryResult result = wrapped.deliver(request);
    if (result.success()) {
      delivered.incrementAndGet();
    }
    return result;
  }

  @Override
  public void destinationChanged(String destinationId) {
    wrapped.destinationChanged(destinationId);
  }

  @Override
  public void close() throws Exception {
    if (wrapped instanceof AutoCloseable c) {
      c.close();
    }
  }
}
