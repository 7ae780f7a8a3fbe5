package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ClientCache;
import io.hookstream.spi.provider.EndpointGuard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code rabbitmq} delivery: read the config, guard the broker's address, publish with the
 * destination's cached publisher (Management API or AMQP), and classify the outcome. Thread-safe.
 */
public final class RabbitDelivery implements AutoCloseable {

  public static final String TYPE = "rabbitmq";

  /** Timeout when the request names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(RabbitDelivery.class);

  private record Key(RabbitConfig config, Duration timeout) {}

  private final AddressPolicy policy;
  private final ClientCache<Publisher> publishers = new ClientCache<>();

  public RabbitDelivery(AddressPolicy policy) {
    this.policy = policy;
  }

  /** Every invalid field of {@code config}; empty when valid. */
  public List<FieldError> validate(Map<String, Object> config) {
    return RabbitConfig.parse(config, policy).errors();
  }

  /** Delivers {@code request}; never throws. */
  public DeliveryResult deliver(DeliveryRequest request) {
    long started = System.nanoTime();
    ParsedConfig parsed;
    try {
      parsed = RabbitConfig.parse(request.config(), policy);
    } catch (RuntimeException e) {
      log.warn("reading a rabbitmq config failed", e);
      return failure(started, rejected("unreadable rabbitmq destination config: " + e));
    }
    if (!parsed.errors().isEmpty()) {
      return failure(
          started,
          rejected(
              "invalid rabbitmq destination config: "
                  + parsed.errors().stream()
                      .map(FieldError::toString)
                      .collect(Collectors.joining("; "))));
    }
    RabbitConfig config = parsed.config();
    String blocked = EndpointGuard.rejection(config.url(), policy);
    if (blocked != null) {
      return failure(started, rejected(blocked));
    }
    Duration timeout = timeout(request);
    try {
      RabbitMessage message = RabbitMessage.of(config, request);
      Publisher publisher =
          publishers.get(
              request.destinationId(),
              new Key(config, timeout),
              () -> create(config, timeout, request.destinationId()));
      Published published = publisher.publish(message, timeout);
      return new DeliveryResult.Delivered(
          published.statusCode(),
          elapsed(started),
          message.details(),
          Map.of(),
          published.summary());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.debug("rabbitmq delivery of {} failed", request.eventId(), e);
      return failure(started, Failures.of(e));
    }
  }

  private static Publisher create(RabbitConfig config, Duration timeout, String destinationId)
      throws Exception {
    return config.mode() == RabbitConfig.Mode.AMQP
        ? new AmqpPublisher(config, timeout, destinationId)
        : new ManagementPublisher(config, timeout);
  }

  /** Closes the publisher of {@code destinationId}: it was updated or deleted. */
  public void forget(String destinationId) {
    publishers.release(destinationId);
  }

  /** How many destination publishers are open. */
  public int openClients() {
    return publishers.size();
  }

  @Override
  public void close() {
    publishers.close();
  }

  private static RabbitFailure rejected(String error) {
    return new RabbitFailure(FailureKind.REJECTED, false, 0, error);
  }

  private static Duration timeout(DeliveryRequest request) {
    Duration t = request.timeout();
    return t == null || t.isZero() || t.isNegative() ? DEFAULT_TIMEOUT : t;
  }

  private static DeliveryResult failure(long started, RabbitFailure f) {
    return new DeliveryResult.Failed(
        f.kind(),
        f.error(),
        f.retryable(),
        null,
        f.statusCode(),
        elapsed(started),
        Map.of(),
        Map.of(),
        null);
  }

  private static long elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }
}
