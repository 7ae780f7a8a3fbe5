package io.hookstream.providers.gcp.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider.FailureKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One destination's connection to Pub/Sub: a JDK HTTP client (its connection pool kept between
 * deliveries) and the service account's access token, cached until a minute before it expires and
 * fetched again once when a publish answers 401. Without a key, Application Default Credentials
 * supply the token. Thread-safe.
 */
public final class PubSubClient implements AutoCloseable {

  /** A token this close to its expiry is replaced before use. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

  private static final Duration MAX_CONNECT = Duration.ofSeconds(10);

  private record AccessToken(String value, Instant expiresAt) {}

  private final HttpClient http;
  private final ServiceAccountKey key;
  private final AdcTokens adc;
  private final Clock clock;
  private AccessToken token;
  private volatile boolean closed;

  /** {@code key} null means Application Default Credentials: google-auth-library is present. */
  public PubSubClient(ServiceAccountKey key, Duration timeout, Clock clock) {
    this.key = key;
    this.adc = key == null ? new AdcTokens() : null;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Publishes {@code body} to {@code uri} within {@code timeout}; the answer's body on a 2xx, else
   * a {@link PubSubException} with the classified failure.
   */
  public String publish(URI uri, byte[] body, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> response = send(uri, body, token(deadline), deadline);
    if (response.statusCode() == 401) {
      // The token was revoked or expired early: one fresh token, one more try.
      forgetToken();
      response = send(uri, body, token(deadline), deadline);
    }
    if (response.statusCode() / 100 != 2) {
      throw new PubSubException(
          PubSubFailure.ofPublish(response.statusCode(), response.body(), retryAfter(response)));
    }
    return response.body();
  }

  private HttpResponse<String> send(URI uri, byte[] body, String bearer, long deadline) {
    return exchange(
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        deadline);
  }

  private synchronized String token(long deadline) {
    if (adc != null) {
      return adc.token();
    }
    Instant now = clock.now();
    if (token != null && now.isBefore(token.expiresAt().minus(REFRESH_MARGIN))) {
      return token.value();
    }
    String form =
        "grant_type="
            + URLEncoder.encode(
                "urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
            + "&assertion="
            + JwtAssertion.sign(key, now);
    HttpResponse<String> response =
        exchange(
            HttpRequest.newBuilder(key.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)),
            deadline);
    Map<String, Object> json = JsonReader.object(response.body());
    if (response.statusCode() / 100 != 2
        || json == null
        || !(json.get("access_token") instanceof String)) {
      throw new PubSubException(
          PubSubFailure.ofTokenExchange(
              response.statusCode() / 100 == 2 ? 502 : response.statusCode(),
              response.body(),
              retryAfter(response)));
    }
    long seconds = json.get("expires_in") instanceof Number n ? n.longValue() : 3600;
    token = new AccessToken((String) json.get("access_token"), now.plusSeconds(seconds));
    return token.value();
  }

  private synchronized void forgetToken() {
    token = null;
    if (adc != null) {
      adc.forget();
    }
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request, long deadline) {
    if (closed) {
      throw new PubSubException(
          PubSubFailure.before(FailureKind.NETWORK, true, "network failure: the client is closed"));
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new PubSubException(PubSubFailure.before(FailureKind.TIMEOUT, true, "timed out"));
    }
    try {
      return http.send(
          request.timeout(Duration.ofNanos(left)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new PubSubException(
          PubSubFailure.before(FailureKind.TIMEOUT, true, "timed out: " + e.getMessage()));
    } catch (IOException e) {
      throw new PubSubException(
          PubSubFailure.before(FailureKind.NETWORK, true, "network failure: " + describe(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PubSubException(
          PubSubFailure.before(FailureKind.NETWORK, true, "network failure: interrupted"));
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return PubSubFailure.scrub(message);
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .orElse(null);
  }

  /** Deliveries after this fail with a retryable network failure; the pool is left to the GC. */
  @Override
  public void close() {
    closed = true;
  }
}
