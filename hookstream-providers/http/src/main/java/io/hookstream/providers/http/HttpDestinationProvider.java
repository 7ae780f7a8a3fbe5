package io.hookstream.providers.http;

import io.hookstream.providers.http.internal.BodyCapture;
import io.hookstream.providers.http.internal.Classification;
import io.hookstream.providers.http.internal.CountingSocketFactory;
import io.hookstream.providers.http.internal.ExchangeTrace;
import io.hookstream.providers.http.internal.GuardedDns;
import io.hookstream.providers.http.internal.HttpConfig;
import io.hookstream.providers.http.internal.HttpConfigParser;
import io.hookstream.providers.http.internal.KeepAlivePolicy;
import io.hookstream.providers.http.internal.RetryAfter;
import io.hookstream.providers.http.internal.SecretMask;
import io.hookstream.providers.http.internal.Signer;
import io.hookstream.providers.http.internal.WireCapture;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Delivered;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Failed;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.JsonSyntax;
import java.io.IOException;
import java.net.Proxy;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} destination type: sends each event's body to a URL with the configured method
 * and headers, adds {@code X-hookstream-Event-Id}, {@code X-hookstream-Delivery-Attempt} and {@code
 * X-hookstream-Timestamp} (and {@code X-hookstream-Topic} for an event published to a topic), signs
 * it when the config has a {@code signing_config}, and classifies the outcome for the retry policy.
 * Redirects are never followed. Deliveries to loopback, private, link-local and other local
 * addresses are refused after DNS resolution unless {@link Builder#allowPrivateNetworks(boolean)}
 * is set; cloud metadata addresses are refused always.
 *
 * <p>Safe for concurrent use; one instance shares one connection pool across all destinations. A
 * request lost on a pooled connection that the receiver had closed, before any response byte, is
 * sent again at once on a new connection, within the same attempt. {@link #deliver} never throws:
 * failures come back in the result. {@link #close()} releases the pool; deliveries after it fail
 * with a retryable {@code REJECTED}.
 */
public final class HttpDestinationProvider implements DestinationProvider, AutoCloseable {

  /** The destination type served. */
  public static final String TYPE = "http";

  /** Timeout when neither the config nor the request names one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How much of a response body is kept. */
  public static final int MAX_RESPONSE_BODY_BYTES = 4096;

  /** Idle connections kept per provider, and for how long. */
  public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 32;

  /**
   * Below the 5 s after which Node.js, Apache httpd and uvicorn close an idle connection, so that
   * the pool lets a connection go before the receiver does.
   */
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(4);

  private static final Logger log = LoggerFactory.getLogger(HttpDestinationProvider.class);
  private static final String USER_AGENT = "hookstream-java";

  private final OkHttpClient client;
  // Resends after a stale pooled connection go here: its pool keeps nothing, so each is new.
  private final OkHttpClient freshConnections;
  private final HttpConfigParser parser;
  private final Clock clock;
  private final Duration defaultTimeout;
  private volatile boolean closed;

  private HttpDestinationProvider(Builder builder) {
    AddressPolicy policy = new AddressPolicy(builder.allowPrivateNetworks);
    this.parser = new HttpConfigParser(policy);
    this.clock = builder.clock;
    this.defaultTimeout = builder.defaultTimeout;
    this.client =
        new OkHttpClient.Builder()
            .dns(new GuardedDns(builder.dns, policy))
            // A proxy would resolve the target itself, out of the guard's reach.
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            // OkHttp's retry would also resend after a new connection failed, or after part of
            // a response head arrived; execute() resends only what a stale pooled one lost.
            .retryOnConnectionFailure(false)
            .socketFactory(new CountingSocketFactory())
            .connectionPool(
                new ConnectionPool(
                    builder.maxIdleConnections,
                    builder.keepAlive.toMillis(),
                    TimeUnit.MILLISECONDS))
            // The per-call timeout bounds the whole exchange; no separate phase limits.
            .connectTimeout(Duration.ZERO)
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .addNetworkInterceptor(new WireCapture())
            .addNetworkInterceptor(new ExchangeTrace())
            .addNetworkInterceptor(new KeepAlivePolicy())
            .build();
    this.freshConnections =
        client.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
  }

  /** A builder with the defaults: guard on, system DNS, system clock, 30 s timeout. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return parser.parse(config == null ? Map.of() : config).errors();
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return SecretMask.maskConfig(config == null ? Map.of() : config);
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    long started = clock.monotonicNanos();
    if (closed) {
      return failure(
          started, Classification.failure(FailureKind.REJECTED, true, "provider closed"), null);
    }
    HttpConfigParser.Parsed parsed = parser.parse(request.config());
    if (!parsed.errors().isEmpty()) {
      String errors =
          parsed.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
      return failure(
          started,
          Classification.failure(
              FailureKind.REJECTED, false, "invalid http destination config: " + errors),
          null);
    }
    HttpConfig config = parsed.config();
    WireCapture.Holder wire = new WireCapture.Holder();
    Request httpRequest;
    try {
      httpRequest = buildRequest(config, request, wire);
    } catch (IllegalArgumentException e) {
      // OkHttp's own checks (a header value it refuses, for one); the config cannot be sent.
      return failure(
          started,
          Classification.failure(
              FailureKind.REJECTED, false, "cannot build request: " + e.getMessage()),
          null);
    }
    try (Response response = execute(httpRequest, timeoutOf(config, request), started)) {
      String body = readBody(response.body());
      Headers received = wire.received() != null ? wire.received() : response.headers();
      Classification outcome = Classification.ofStatus(response.code(), received.get("Location"));
      Duration retryAfter =
          response.code() == 429 || response.code() == 503
              ? RetryAfter.parse(received.get("Retry-After"), clock.now())
              : null;
      long latency = elapsedMillis(started);
      Map<String, List<String>> sent = maskedHeaders(sentHeaders(wire, httpRequest));
      if (outcome.success()) {
        return new Delivered(response.code(), latency, sent, headerMap(received), body);
      }
      return new Failed(
          outcome.kind(),
          outcome.error(),
          outcome.retryable(),
          retryAfter,
          response.code(),
          latency,
          sent,
          headerMap(received),
          body);
    } catch (IOException e) {
      return failure(
          started,
          Classification.ofException(e, config.url().redact()),
          sentHeaders(wire, httpRequest));
    } catch (RuntimeException e) {
      // Reported in the result, as the SPI requires; logged because it means a bug or a misuse.
      log.warn(
          "unexpected failure delivering event {} to {}",
          request.eventId(),
          config.url().redact(),
          e);
      return failure(
          started,
          Classification.failure(FailureKind.NETWORK, true, "unexpected failure: " + e),
          sentHeaders(wire, httpRequest));
    }
  }

  /** Releases the connection pool and the dispatcher's threads; later deliveries fail. */
  @Override
  public void close() {
    closed = true;
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    freshConnections.connectionPool().evictAll();
  }

  /**
   * Runs one attempt. When a pooled connection fails before any response byte arrived, the receiver
   * had closed it (or was closing it) and never answered: the request goes out again at once on a
   * new connection, within the same timeout, and the attempt is what that one returns.
   */
  private Response execute(Request httpRequest, Duration timeout, long started) throws IOException {
    Call call = client.newCall(httpRequest);
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return call.execute();
    } catch (IOException e) {
      long left = timeout.toNanos() - (clock.monotonicNanos() - started);
      ExchangeTrace.Record trace = httpRequest.tag(ExchangeTrace.Record.class);
      if (closed || call.isCanceled() || left <= 0 || !trace.staleConnection(e)) {
        throw e;
      }
      log.debug(
          "resending to {} on a new connection after: {}",
          httpRequest.url().redact(),
          e.toString());
      Call resend = freshConnections.newCall(httpRequest);
      resend.timeout().timeout(left, TimeUnit.NANOSECONDS);
      return resend.execute();
    }
  }

  private Request buildRequest(
      HttpConfig config, DeliveryRequest request, WireCapture.Holder wire) {
    byte[] body = request.body();
    Headers.Builder headers = new Headers.Builder();
    headers.set("User-Agent", USER_AGENT);
    headers.set("Content-Type", contentType(request));
    config
        .headers()
        .forEach((name, value) -> headers.removeAll(name).addUnsafeNonAscii(name, value));
    headers.set(HttpConfigParser.EVENT_ID_HEADER, request.eventId());
    String topic = request.event().topic();
    if (topic != null) {
      headers.set(HttpConfigParser.TOPIC_HEADER, topic);
    }
    headers.set(HttpConfigParser.ATTEMPT_HEADER, Integer.toString(request.attemptNumber()));
    headers.set(
        HttpConfigParser.TIMESTAMP_HEADER,
        DateTimeFormatter.ISO_INSTANT.format(request.timestamp()));
    if (config.signing() != null) {
      Signer.headers(config.signing(), request.eventId(), request.timestamp(), body)
          .forEach(headers::set);
    }
    // GET carries no body; DELETE one only when there is something to send.
    boolean sendsBody =
        !config.method().equals("GET") && (!config.method().equals("DELETE") || body.length > 0);
    // No media type on the body: the Content-Type header above goes out byte for byte.
    return new Request.Builder()
        .url(config.url())
        .headers(headers.build())
        .method(config.method(), sendsBody ? RequestBody.create(body) : null)
        .tag(WireCapture.Holder.class, wire)
        .tag(ExchangeTrace.Record.class, new ExchangeTrace.Record())
        .build();
  }

  /** The event's content type, or a guess from the body when it has none. */
  private static String contentType(DeliveryRequest request) {
    if (request.contentType() != null && !request.contentType().isBlank()) {
      return request.contentType();
    }
    return JsonSyntax.isJson(request.body()) ? "application/json" : "application/octet-stream";
  }

  private Duration timeoutOf(HttpConfig config, DeliveryRequest request) {
    if (config.timeout() != null) {
      return config.timeout();
    }
    return request.timeout().isZero() || request.timeout().isNegative()
        ? defaultTimeout
        : request.timeout();
  }

  private static String readBody(ResponseBody body) {
    try {
      return BodyCapture.read(body.source(), MAX_RESPONSE_BODY_BYTES);
    } catch (IOException e) {
      // The status already arrived and decides the outcome; the body is only informative.
      return "[response body unreadable: " + e.getMessage() + "]";
    }
  }

  private DeliveryResult failure(long started, Classification outcome, Headers sent) {
    return new Failed(
        outcome.kind(),
        outcome.error(),
        outcome.retryable(),
        null,
        0,
        elapsedMillis(started),
        sent == null ? Map.of() : maskedHeaders(sent),
        Map.of(),
        null);
  }

  private long elapsedMillis(long started) {
    return TimeUnit.NANOSECONDS.toMillis(clock.monotonicNanos() - started);
  }

  private static Headers sentHeaders(WireCapture.Holder wire, Request request) {
    return wire.sent() != null ? wire.sent() : request.headers();
  }

  private static Map<String, List<String>> maskedHeaders(Headers headers) {
    Map<String, List<String>> map = headerMap(headers);
    map.replaceAll(
        (name, values) ->
            SecretMask.isSecretHeader(name)
                ? values.stream().map(SecretMask::mask).toList()
                : values);
    return map;
  }

  /** Headers as a case-insensitive map, names as they were sent. */
  private static Map<String, List<String>> headerMap(Headers headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : headers.names()) {
      map.put(name, List.copyOf(headers.values(name)));
    }
    return map;
  }

  /**
   * Configures an {@link HttpDestinationProvider}. Not thread-safe; {@link #build()} validates and
   * the built provider does not change afterwards.
   */
  public static final class Builder {
    private boolean allowPrivateNetworks;
    private Duration defaultTimeout = DEFAULT_TIMEOUT;
    private Clock clock = Clock.system();
    private Dns dns = Dns.SYSTEM;
    private int maxIdleConnections = DEFAULT_MAX_IDLE_CONNECTIONS;
    private Duration keepAlive = DEFAULT_KEEP_ALIVE;

    private Builder() {}

    /**
     * Allows deliveries to loopback, private, link-local, CGNAT and other local addresses (default
     * false). For local development and tests against a receiver on this machine; cloud metadata
     * addresses stay refused.
     */
    public Builder allowPrivateNetworks(boolean allow) {
      this.allowPrivateNetworks = allow;
      return this;
    }

    /** Timeout when neither the config's {@code timeout} nor the request's is set (30 s). */
    public Builder defaultTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("defaultTimeout must be positive: " + timeout);
      }
      this.defaultTimeout = timeout;
      return this;
    }

    /** Wall time for {@code Retry-After} dates and monotonic time for latency (system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The resolver behind the SSRF guard (default the system's); whatever it returns is still
     * checked, so it cannot reach a blocked address.
     */
    public Builder dns(Dns dns) {
      this.dns = Objects.requireNonNull(dns, "dns");
      return this;
    }

    /** Idle keep-alive connections kept in the pool (32). */
    public Builder maxIdleConnections(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxIdleConnections must be >= 0: " + max);
      }
      this.maxIdleConnections = max;
      return this;
    }

    /**
     * How long an idle connection is kept (4 s). Keep it below the receivers' own idle timeout; a
     * connection a receiver closed first is replaced within the attempt, at some cost.
     */
    public Builder keepAlive(Duration keepAlive) {
      Objects.requireNonNull(keepAlive, "keepAlive");
      if (keepAlive.isZero() || keepAlive.isNegative()) {
        throw new IllegalArgumentException("keepAlive must be positive: " + keepAlive);
      }
      this.keepAlive = keepAlive;
      return this;
    }

    public HttpDestinationProvider build() {
      return new HttpDestinationProvider(this);
    }
  }
}
