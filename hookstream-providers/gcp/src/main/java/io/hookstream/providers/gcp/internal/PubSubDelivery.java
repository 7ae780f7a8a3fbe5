package io.hookstream.providers.gcp.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ClientCache;
import io.hookstream.spi.provider.EndpointGuard;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code gcp_pubsub} delivery: the config read, the SSRF guard on a custom endpoint and token
 * URI, the destination's cached client, one publish bounded by the request's timeout, and the
 * outcome as a classified {@link DeliveryResult}. Thread-safe.
 */
public final class PubSubDelivery implements AutoCloseable {

  public static final String TYPE = "gcp_pubsub";

  /** Timeout when the request names none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(PubSubDelivery.class);

  private record ClientKey(ServiceAccountKey key, Duration timeout) {}

  private final AddressPolicy policy;
  private final Clock clock;
  private final ClientCache<PubSubClient> clients = new ClientCache<>();
  private final boolean adcAvailable = ApplicationDefault.available();

  public PubSubDelivery(AddressPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /** Every invalid field of {@code config}; empty when valid. */
  public List<FieldError> validate(Map<String, Object> config) {
    return PubSubConfig.parse(config, policy, adcAvailable).errors();
  }

  /** Publishes {@code request} with its destination's client; never throws. */
  public DeliveryResult deliver(DeliveryRequest request) {
    long started = System.nanoTime();
    PubSubConfig config;
    try {
      config = PubSubConfig.parse(request.config(), policy, adcAvailable);
    } catch (RuntimeException e) {
      log.warn("reading a {} config failed", TYPE, e);
      return failure(started, refused("unreadable " + TYPE + " destination config: " + e));
    }
    if (!config.errors().isEmpty()) {
      String errors =
          config.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
      return failure(started, refused("invalid " + TYPE + " destination config: " + errors));
    }
    String blocked = blocked(config);
    if (blocked != null) {
      return failure(started, refused(blocked));
    }
    byte[] body = PubSubMessage.publishBody(request);
    if (body.length > PubSubMessage.MAX_REQUEST_BYTES) {
      return failure(
          started,
          PubSubFailure.before(
              FailureKind.TOO_LARGE,
              false,
              "the publish request is "
                  + body.length
                  + " bytes; Pub/Sub accepts at most "
                  + PubSubMessage.MAX_REQUEST_BYTES));
    }
    Duration timeout = timeout(request);
    try {
      PubSubClient client =
          clients.get(
              request.destinationId(),
              new ClientKey(config.key(), timeout),
              () -> new PubSubClient(config.key(), timeout, clock));
      String answer = client.publish(config.publishUri(), body, timeout);
      return new DeliveryResult.Delivered(
          200, elapsed(started), PubSubMessage.details(request), Map.of(), summary(answer));
    } catch (PubSubException e) {
      log.debug("{} delivery of {} failed: {}", TYPE, request.eventId(), e.getMessage());
      return failure(started, e.failure());
    } catch (RuntimeException e) {
      log.warn("{} delivery of {} failed", TYPE, request.eventId(), e);
      return failure(
          started, PubSubFailure.before(FailureKind.NETWORK, true, "failed: " + e.getClass()));
    }
  }

  /** Why a custom endpoint or token URI is refused, or null. */
  private String blocked(PubSubConfig config) {
    URI endpoint =
        config.endpoint().equals(PubSubConfig.GOOGLE_ENDPOINT) ? null : config.endpoint();
    String rejection = EndpointGuard.rejection(endpoint, policy);
    if (rejection != null) {
      return rejection;
    }
    if (config.key() == null) {
      return null; // ADC's token URI comes from the host's environment, not from a user.
    }
    URI tokenUri = config.key().tokenUri();
    return EndpointGuard.rejection(
        tokenUri.equals(ServiceAccountKey.GOOGLE_TOKEN_URI) ? null : tokenUri, policy);
  }

  /** {@code messageId=...} from the publish answer. */
  private static String summary(String answer) {
    Map<String, Object> json = JsonReader.object(answer);
    Object ids = json == null ? null : json.get("messageIds");
    return ids instanceof List<?> list && !list.isEmpty() ? "messageId=" + list.get(0) : answer;
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

  private static PubSubFailure refused(String error) {
    return PubSubFailure.before(FailureKind.REJECTED, false, error);
  }

  private static Duration timeout(DeliveryRequest request) {
    Duration t = request.timeout();
    return t == null || t.isZero() || t.isNegative() ? DEFAULT_TIMEOUT : t;
  }

  private static DeliveryResult failure(long started, PubSubFailure f) {
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
}
