package io.hookstream.providers.kafka.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ClientCache;
import io.hookstream.spi.provider.EndpointGuard;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code kafka} destinations: reads the config, applies the address guard, sends through
 * the destination's cached producer or REST Proxy client, and turns the outcome into a classified
 * {@link DeliveryResult}. A producer that failed is closed, so the next attempt starts clean (an
 * idempotent producer can be left in a fatal state). Thread-safe.
 */
public final class KafkaDelivery implements AutoCloseable {

  public static final String TYPE = "kafka";

  /** Timeout when the request names none. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(KafkaDelivery.class);

  private record ClientKey(KafkaConfig config, Duration timeout) {}

  private final AddressPolicy policy;
  private final ClientCache<NativeProducer> producers = new ClientCache<>();
  private final ClientCache<RestProxyClient> restClients = new ClientCache<>();

  public KafkaDelivery(AddressPolicy policy) {
    this.policy = policy;
  }

  /** Every invalid field of {@code config}; empty when valid. */
  public List<FieldError> validate(Map<String, Object> config) {
    return KafkaConfig.parse(config, policy).errors();
  }

  /** Delivers {@code request} with its destination's client; never throws. */
  public DeliveryResult deliver(DeliveryRequest request) {
    long started = System.nanoTime();
    KafkaConfig.Parsed parsed;
    try {
      parsed = KafkaConfig.parse(request.config(), policy);
    } catch (RuntimeException e) {
      log.warn("reading a kafka config failed", e);
      return failure(started, new KafkaFailure(FailureKind.REJECTED, false, "unreadable config"));
    }
    if (!parsed.errors().isEmpty()) {
      String errors =
          parsed.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
      return failure(
          started,
          new KafkaFailure(
              FailureKind.REJECTED, false, "invalid kafka destination config: " + errors));
    }
    KafkaConfig config = parsed.config();
    String blocked = blocked(config);
    if (blocked != null) {
      return failure(started, new KafkaFailure(FailureKind.REJECTED, false, blocked));
    }
    ClientKey key = new ClientKey(config, timeout(request));
    try {
      KafkaMessage message = KafkaMessage.of(config, request);
      message.checkSize();
      Sent sent =
          config.restProxy()
              ? viaRestProxy(request, key, message)
              : viaProducer(request, key, message);
      return new DeliveryResult.Delivered(
          sent.statusCode(), elapsed(started), sent.requestDetails(), Map.of(), sent.summary());
    } catch (KafkaSendException e) {
      log.debug("kafka delivery of {} failed: {}", request.eventId(), e.failure.error());
      return failure(started, e.failure);
    } catch (MessageTooLargeException e) {
      return failure(started, new KafkaFailure(FailureKind.TOO_LARGE, false, e.getMessage()));
    }
  }

  private Sent viaProducer(DeliveryRequest request, ClientKey key, KafkaMessage message) {
    NativeProducer producer;
    try {
      producer =
          producers.get(
              request.destinationId(),
              key,
              () -> new NativeProducer(key.config(), request.destinationId(), key.timeout()));
    } catch (RuntimeException e) {
      throw new KafkaSendException(KafkaFailure.ofProducer(e, false));
    }
    try {
      return producer.send(key.config().topic(), message);
    } catch (Exception e) {
      KafkaFailure failure = KafkaFailure.ofProducer(e, producer.brokerAnswered());
      producers.release(request.destinationId(), producer);
      throw new KafkaSendException(failure);
    }
  }

  private Sent viaRestProxy(DeliveryRequest request, ClientKey key, KafkaMessage message) {
    try {
      RestProxyClient client =
          restClients.get(
              request.destinationId(), key, () -> new RestProxyClient(key.config(), key.timeout()));
      return client.send(message);
    } catch (RestProxyClient.RestProxyException e) {
      throw new KafkaSendException(e.failure());
    } catch (HttpTimeoutException e) {
      throw new KafkaSendException(
          new KafkaFailure(FailureKind.TIMEOUT, true, "timed out: " + e.getMessage()));
    } catch (IOException e) {
      throw new KafkaSendException(
          new KafkaFailure(
              FailureKind.NETWORK,
              true,
              "network failure: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + KafkaFailure.shorten(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaSendException(new KafkaFailure(FailureKind.NETWORK, true, "interrupted"));
    } catch (RuntimeException e) {
      throw new KafkaSendException(
          new KafkaFailure(FailureKind.NETWORK, true, "REST Proxy call failed: " + e));
    }
  }

  /** Why the first hop of {@code config} is refused, or null. */
  private String blocked(KafkaConfig config) {
    if (config.restProxy()) {
      return EndpointGuard.rejection(config.restBase().getHost(), policy);
    }
    for (String server : config.bootstrapServers()) {
      String rejection =
          EndpointGuard.rejection(server.substring(0, server.lastIndexOf(':')), policy);
      if (rejection != null) {
        return rejection;
      }
    }
    return null;
  }

  /** Closes the producer or client of {@code destinationId}: it was updated or deleted. */
  public void forget(String destinationId) {
    producers.release(destinationId);
    restClients.release(destinationId);
  }

  public int openClients() {
    return producers.size() + restClients.size();
  }

  @Override
  public void close() {
    producers.close();
    restClients.close();
  }

  private static Duration timeout(DeliveryRequest request) {
    Duration t = request.timeout();
    return t == null || t.isZero() || t.isNegative() ? DEFAULT_TIMEOUT : t;
  }

  private static DeliveryResult failure(long started, KafkaFailure f) {
    return new DeliveryResult.Failed(
        f.kind(),
        f.error(),
        f.retryable(),
        f.retryAfter(),
        f.statusCode(),
        elapsed(started),
        Map.of(),
        Map.of(),
        null);
  }

  private static long elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  /** Carries a classified failure out of a send. */
  private static final class KafkaSendException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient KafkaFailure failure;

    KafkaSendException(KafkaFailure failure) {
      super(failure.error(), null, false, false);
      this.failure = failure;
    }
  }
}
