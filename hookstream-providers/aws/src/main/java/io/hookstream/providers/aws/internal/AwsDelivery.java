package io.hookstream.providers.aws.internal;

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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The part every AWS destination type shares: reading the config, the endpoint guard, the cached
 * client of each destination, one call bounded by the request's timeout, and turning the outcome
 * (or what the SDK threw) into a classified {@link DeliveryResult}. Thread-safe.
 */
public final class AwsDelivery<C extends SdkAutoCloseable, K> implements AutoCloseable {

  /** Timeout when the request names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(AwsDelivery.class);

  private record ClientKey(AwsSettings settings, Duration timeout) {}

  private final AwsType<C, K> type;
  private final AddressPolicy policy;
  private final ClientCache<C> clients = new ClientCache<>();

  public AwsDelivery(AwsType<C, K> type, AddressPolicy policy) {
    this.type = type;
    this.policy = policy;
  }

  public String type() {
    return type.type();
  }

  /** Every invalid field of {@code config}; empty when valid. */
  public List<FieldError> validate(Map<String, Object> config) {
    return type.parse(config, policy).errors();
  }

  /** Delivers {@code request} with its destination's client; never throws. */
  public DeliveryResult deliver(DeliveryRequest request) {
    ParsedConfig<K> parsed;
    try {
      parsed = type.parse(request.config(), policy);
    } catch (RuntimeException e) {
      log.warn("reading a {} config failed", type.type(), e);
      return refuse("unreadable " + type.type() + " destination config: " + e);
    }
    if (!parsed.errors().isEmpty()) {
      return refuse(
          "invalid "
              + type.type()
              + " destination config: "
              + parsed.errors().stream()
                  .map(FieldError::toString)
                  .collect(Collectors.joining("; ")));
    }
    K config = parsed.config();
    return send(request, type.settings(config), client -> type.send(client, config, request));
  }

  private DeliveryResult send(
      DeliveryRequest request, AwsSettings settings, Function<C, Sent> send) {
    long started = System.nanoTime();
    String blocked = EndpointGuard.rejection(settings.endpoint(), policy);
    if (blocked != null) {
      return failure(started, new AwsFailure(FailureKind.REJECTED, false, 0, blocked));
    }
    Duration timeout = timeout(request);
    try {
      C client =
          clients.get(
              request.destinationId(),
              new ClientKey(settings, timeout),
              () -> type.client(settings, timeout));
      Sent sent = send.apply(client);
      return new DeliveryResult.Delivered(
          sent.statusCode(), elapsed(started), sent.requestDetails(), Map.of(), sent.summary());
    } catch (RuntimeException e) {
      log.debug("{} delivery of {} failed", type.type(), request.eventId(), e);
      return failure(started, AwsFailure.of(e));
    }
  }

  private static DeliveryResult refuse(String error) {
    return failure(System.nanoTime(), new AwsFailure(FailureKind.REJECTED, false, 0, error));
  }

  /** Closes the client of {@code destinationId}: it was updated or deleted. */
  public void forget(String destinationId) {
    clients.release(destinationId);
  }

  /** How many destination clients are open. */
  public int openClients() {
    return clients.size();
  }

  @Override
  public void close() {
    clients.close();
  }

  private static Duration timeout(DeliveryRequest request) {
    Duration t = request.timeout();
    return t == null || t.isZero() || t.isNegative() ? DEFAULT_TIMEOUT : t;
  }

  private static DeliveryResult failure(long started, AwsFailure f) {
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
