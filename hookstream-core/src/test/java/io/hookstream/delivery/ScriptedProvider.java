package io.hookstream.delivery;

import io.hookstream.spi.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A test destination type ({@code test}): answers each destination's requests with a scripted
 * function (200 by default) and records every request with the clock time it arrived. A fake of the
 * SPI, for scheduler logic; HTTP itself is covered with the real provider and receiver.
 */
class ScriptedProvider extends TestTypeProvider {

  /** One request as received. */
  record Received(
      String destinationId, String eventId, int attemptNumber, Instant at, String body) {}

  private final Clock clock;
  private final Map<String, Function<DeliveryRequest, DeliveryResult>> scripts =
      new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  ScriptedProvider(Clock clock) {
    this.clock = clock;
  }

  void script(String destinationId, Function<DeliveryRequest, DeliveryResult> script) {
    scripts.put(destinationId, script);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Received> received(String destinationId) {
    List<Received> list = new ArrayList<>();
    for (Received r : received) {
      if (r.destinationId().equals(destinationId)) {
        list.add(r);
      }
    }
    return list;
  }

  @Override
  public DeliveryResult deliver(DeliveryRequest request) {
    received.add(
        new Received(
            request.destinationId(),
            request.eventId(),
            request.attemptNumber(),
            clock.now(),
            new String(request.body(), java.nio.charset.StandardCharsets.UTF_8)));
    return scripts.getOrDefault(request.destinationId(), r -> ok()).apply(request);
  }

  static DeliveryResult ok() {
    return new DeliveryResult.Delivered(
        200,
        5,
        Map.of("content-type", List.of("application/json")),
        Map.of("content-type", List.of("text/plain")),
        "ok");
  }

  static DeliveryResult status(int code) {
    return status(code, null);
  }

  static DeliveryResult status(int code, Duration retryAfter) {
    FailureKind kind =
        code == 410
            ? FailureKind.ENDPOINT_GONE
            : code >= 500 ? FailureKind.HTTP_5XX : FailureKind.HTTP_4XX;
    return new DeliveryResult.Failed(
        kind,
        "HTTP " + code,
        retryableHttp(code),
        retryAfter,
        code,
        5,
        Map.of(),
        Map.of(),
        "status " + code);
  }

  /** The HTTP provider's verdict: 5xx and 408/409/425/429 retry. */
  private static boolean retryableHttp(int code) {
    return code >= 500 || code == 408 || code == 409 || code == 425 || code == 429;
  }

  static DeliveryResult timeout() {
    return new DeliveryResult.Failed(
        FailureKind.TIMEOUT, "timed out", true, null, 0, 30_000, Map.of(), Map.of(), null);
  }
}
