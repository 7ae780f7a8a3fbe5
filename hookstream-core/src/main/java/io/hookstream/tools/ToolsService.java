package io.hookstream.tools;

import io.hookstream.internal.Ids;
import io.hookstream.internal.Validation;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ScheduledSendRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.tools.internal.Outbound;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The developer tools: {@link #healthCheck}, {@link #schedule} (sent once by the engine's
 * scheduled-send job, on the engine clock, on whichever node claims it) and {@link
 * #idempotencyTest}. Every request goes through the SSRF guard (a refused address is a 422 on
 * {@code url}, nothing sent), reads at most {@link #MAX_RESPONSE_BODY_BYTES} of a body and gives up
 * after the request's timeout (at most 10 s, 5 s of it to connect). Thread-safe.
 */
public final class ToolsService {

  /** The most of a response body a tool reads; the rest is left unread ({@code truncated}). */
  public static final int MAX_RESPONSE_BODY_BYTES = 64 * 1024;

  public static final Duration MIN_DELAY = Duration.ofSeconds(1);
  public static final Duration MAX_DELAY = Duration.ofSeconds(86_400);
  public static final int MIN_REPEATS = 2;
  public static final int MAX_REPEATS = 10;
  public static final String DEFAULT_IDEMPOTENCY_HEADER = "Idempotency-Key";

  /** How long a finished scheduled send stays readable by its id. */
  public static final Duration FINISHED_SEND_RETENTION = Duration.ofDays(7);

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

  private final Store store;
  private final Clock clock;
  private final Outbound outbound;
  private final Ids ids;
  private final SecureRandom random = new SecureRandom();

  public ToolsService(Store store, Clock clock, ToolsSettings settings) {
    this.store = store;
    this.clock = clock;
    this.outbound = new Outbound(settings);
    this.ids = new Ids(clock);
  }

  /**
   * Sends {@code request} once and reports status, latency, headers, a bounded body and, for https,
   * the TLS session. An unreachable endpoint is a result with an error, not an exception.
   *
   * @throws HookstreamException 422 on {@code url} when the SSRF guard refuses its address
   */
  public HealthCheck healthCheck(ToolRequest request) {
    return HealthCheck.of(request, outbound.send(request));
  }

  /**
   * Stores {@code request} to be sent once, {@code delay} (1 s to 24 h) from now on the engine
   * clock. The address is checked now and again when it fires; a send gets one attempt, with the 10
   * s limit.
   *
   * @throws HookstreamException 422 on {@code delay_seconds} or {@code url}
   */
  public ScheduledSend schedule(ToolRequest request, Duration delay) {
    if (delay == null || delay.compareTo(MIN_DELAY) < 0 || delay.compareTo(MAX_DELAY) > 0) {
      throw HookstreamException.invalid(
          "delay_seconds",
          "must be from 1 to 86400 seconds, got "
              + (delay == null ? null : delay.toMillis() / 1000.0));
    }
    outbound.check(request);
    ScheduledSendRecord send =
        ScheduledSendRecord.pending(
            ids.next("sch"),
            request.url(),
            request.method(),
            request.headers(),
            request.body(),
            clock.now().plus(delay),
            clock.now());
    store.scheduledSends().insert(send);
    return view(send);
  }

  /** A scheduled send by id, pending or finished (finished ones are kept seven days). */
  public Optional<ScheduledSend> scheduled(String id) {
    return store.scheduledSends().find(id).map(ToolsService::view);
  }

  /**
   * @throws HookstreamException 404 for an unknown id
   */
  public ScheduledSend requireScheduled(String id) {
    return scheduled(id).orElseThrow(() -> HookstreamException.notFound("scheduled send", id));
  }

  /**
   * Sends {@code request} {@code count} times (2-10) in a row, each with the same idempotency
   * header, to the one address resolved first, and judges the answers (see {@link
   * IdempotencyTest}).
   *
   * @param header the idempotency header's name, null for {@value #DEFAULT_IDEMPOTENCY_HEADER}
   * @param key its value, null for a fresh random key
   * @throws HookstreamException 422 on {@code count}, {@code idempotency_header}, {@code url}
   */
  public IdempotencyTest idempotencyTest(
      ToolRequest request, int count, String header, String key) {
    String name = header == null ? DEFAULT_IDEMPOTENCY_HEADER : header;
    String value = key == null ? "idem_" + HexFormat.of().formatHex(randomBytes()) : key;
    Validation v = new Validation().checkRange("count", count, MIN_REPEATS, MAX_REPEATS);
    if (!HEADER_NAME.matcher(name).matches()) {
      v.error("idempotency_header", "is not a valid header name");
    }
    if (value.isEmpty() || value.length() > 256 || !value.matches("[\\x21-\\x7e]+")) {
      v.error("idempotency_value", "must be 1-256 visible ASCII characters");
    }
    v.throwIfInvalid();
    List<ToolExchange> exchanges = outbound.sendAll(request.withHeader(name, value), count);
    return judge(request.url(), name, value, exchanges);
  }

  private static IdempotencyTest judge(
      String url, String header, String key, List<ToolExchange> exchanges) {
    List<IdempotencyAttempt> attempts = new ArrayList<>();
    Set<String> answers = new HashSet<>();
    Set<String> classesAndBodies = new HashSet<>();
    String first = answer(exchanges.get(0));
    boolean allAnswered = true;
    for (int i = 0; i < exchanges.size(); i++) {
      ToolExchange e = exchanges.get(i);
      String answer = answer(e);
      answers.add(answer);
      allAnswered &= e.response().isPresent();
      e.response().ifPresent(r -> classesAndBodies.add(r.status() / 100 + "xx:" + r.bodySha256()));
      attempts.add(new IdempotencyAttempt(i + 1, e, i > 0 && answer.equals(first)));
    }
    boolean idempotent = allAnswered && classesAndBodies.size() == 1;
    return new IdempotencyTest(url, header, key, idempotent, answers.size(), attempts);
  }

  /** Two answers are the same when status and body hash are; a failure is its own answer. */
  private static String answer(ToolExchange e) {
    return e.response()
        .map(r -> r.status() + ":" + r.bodySha256())
        .orElse("error:" + e.error().orElse(""));
  }

  private static ScheduledSend view(ScheduledSendRecord r) {
    return new ScheduledSend(
        r.id(),
        r.url(),
        r.method(),
        r.firesAt(),
        ScheduledSend.Status.valueOf(r.status().toUpperCase(Locale.ROOT)),
        r.responseStatus() == null ? OptionalInt.empty() : OptionalInt.of(r.responseStatus()),
        Optional.ofNullable(r.latencyMs()).map(Duration::ofMillis),
        Optional.ofNullable(r.error()),
        Optional.ofNullable(r.completedAt()),
        r.createdAt());
  }

  private byte[] randomBytes() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return b;
  }
}
