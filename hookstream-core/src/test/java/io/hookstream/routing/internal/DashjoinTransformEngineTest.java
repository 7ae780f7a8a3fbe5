package io.hookstream.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Json;
import io.hookstream.routing.CompiledTransform;
import io.hookstream.routing.TransformBindings;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.TransformException;
import io.hookstream.routing.TransformException.Reason;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DashjoinTransformEngineTest {

  private static final JsonNode ORDER =
      Json.parse(
          """
      {"type": "order.created", "id": "ord_1", "email": "a@example.com", "secret": "s3",
       "data": {"order_id": "o-17", "amount": 4999, "note": null,
                "customer": {"id": "cus_9"}}}
      """);

  private final TransformEngine engine = new DashjoinTransformEngine();

  private JsonNode apply(String expression, JsonNode body) {
    return engine.compile(expression).apply(body, TransformBindings.none()).orElseThrow();
  }

  private static TransformException failure(CompiledTransform transform) {
    return catchThrowableOfType(
        TransformException.class, () -> transform.apply(ORDER, TransformBindings.none()));
  }

  @Test
  void seedExamplesRewrittenForTheBodyAsInput() {
    assertThat(apply("{ \"event_type\": type, \"customer_id\": data.customer.id }", ORDER))
        .isEqualTo(Json.parse("{\"event_type\":\"order.created\",\"customer_id\":\"cus_9\"}"));
    assertThat(
            apply(
                    "{ \"event\": type, \"customer_id\": data.customer.id, \"amount\": data.amount / 100 }",
                    ORDER)
                .toString())
        .isEqualTo("{\"event\":\"order.created\",\"customer_id\":\"cus_9\",\"amount\":49.99}");
    assertThat(
            apply(
                "{ \"text\": \"New order \" & data.order_id & \" for $\" & "
                    + "$string(data.amount / 100) }",
                ORDER))
        .isEqualTo(Json.parse("{\"text\":\"New order o-17 for $49.99\"}"));
    assertThat(apply("{ \"id\": id, \"email\": email }", ORDER))
        .isEqualTo(Json.parse("{\"id\":\"ord_1\",\"email\":\"a@example.com\"}"));
    assertThat(
            apply("{ \"orderId\": data.order_id, \"total\": data.amount / 100 }", ORDER).toString())
        .isEqualTo("{\"orderId\":\"o-17\",\"total\":49.99}");
  }

  @Test
  void wholeNumbersAreWrittenAsIntegersAndFractionsAsDecimals() {
    assertThat(apply("6 / 2", ORDER).toString()).isEqualTo("3");
    assertThat(apply("7 / 2", ORDER).toString()).isEqualTo("3.5");
    assertThat(apply("data.amount", ORDER).toString()).isEqualTo("4999");
    assertThat(apply("[1, 2.5, 1e3]", ORDER).toString()).isEqualTo("[1,2.5,1000]");
    JsonNode big = Json.parse("{\"n\": 12345678901234, \"d\": 0.1}");
    assertThat(apply("{\"n\": n, \"sum\": d + 0.2}", big).toString())
        .isEqualTo("{\"n\":12345678901234,\"sum\":0.30000000000000004}");
  }

  @Test
  void jsonNullAndNoResultAreDifferent() {
    CompiledTransform nothing = engine.compile("nothing.here");
    assertThat(nothing.apply(ORDER, TransformBindings.none())).isEmpty();
    assertThat(apply("null", ORDER).isNull()).isTrue();
    assertThat(apply("data.note", ORDER).isNull()).isTrue();
    assertThat(apply("{\"a\": nothing, \"b\": null, \"c\": data.note}", ORDER).toString())
        .isEqualTo("{\"b\":null,\"c\":null}");
    assertThat(apply("$", Json.parse("null")).isNull()).isTrue();
  }

  @Test
  void aNonJsonBodyIsUndefinedInputButTheEnvelopeIsStillBound() {
    CompiledTransform transform = engine.compile("{\"m\": $method, \"body\": $}");
    Optional<JsonNode> result =
        transform.apply(null, TransformBindings.builder().method("PUT").build());
    assertThat(result.orElseThrow()).isEqualTo(Json.parse("{\"m\":\"PUT\"}"));
    assertThat(engine.compile("$").apply(null, TransformBindings.none())).isEmpty();
  }

  @Test
  void bindsHeadersMethodQueryAndTheEventEnvelope() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("x-github-event", List.of("push"));
    headers.put("accept", List.of("text/html", "application/json"));
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("page", List.of("2"));
    query.put("tag", List.of("a", "b"));
    Instant received = Instant.parse("2026-03-01T14:30:00Z");
    EventRecord event =
        new EventRecord(
            "evt_1",
            "org_1",
            "env_1",
            "src_1",
            "POST",
            "/",
            headers,
            query,
            "application/json",
            "198.51.100.2",
            2,
            new byte[] {'{', '}'},
            null,
            null,
            EventStatus.RECEIVED,
            null,
            null,
            "verified",
            received,
            null,
            received);

    JsonNode result =
        engine
            .compile(
                """
        { "gh": $headers.`x-github-event`, "accept": $headers.accept, "m": $method,
          "page": $query.page, "tags": $query.tag, "e": $event, "t": type }
        """)
            .apply(ORDER, TransformBindings.of(event))
            .orElseThrow();

    assertThat(result)
        .isEqualTo(
            Json.parse(
                """
        {"gh": "push", "accept": "text/html, application/json", "m": "POST",
         "page": "2", "tags": ["a", "b"],
         "e": {"id": "evt_1", "source_id": "src_1", "received_at": "2026-03-01T14:30:00Z",
               "method": "POST", "content_type": "application/json",
               "source_ip": "198.51.100.2"},
         "t": "order.created"}
        """));
  }

  @Test
  void extraVariablesAreBoundAndEnvelopeNamesAreReserved() {
    TransformBindings bindings =
        TransformBindings.builder().variable("limit", Json.parse("{\"max\": 3}")).build();
    assertThat(engine.compile("$limit.max * 2").apply(ORDER, bindings).orElseThrow().intValue())
        .isEqualTo(6);
    assertThatThrownBy(() -> TransformBindings.builder().variable("headers", Json.parse("1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bindingsDoNotLeakBetweenTransformsOnOneThread() {
    CompiledTransform first = engine.compile("$secret");
    CompiledTransform second = engine.compile("$secret");
    TransformBindings withSecret =
        TransformBindings.builder().variable("secret", Json.parse("\"s3\"")).build();

    assertThat(first.apply(ORDER, withSecret)).contains(Json.parse("\"s3\""));
    assertThat(second.apply(ORDER, TransformBindings.none())).isEmpty();
    assertThat(first.apply(ORDER, TransformBindings.none())).isEmpty();
  }

  @Test
  void theInputBodyIsNotModified() {
    JsonNode body = ORDER.deepCopy();
    apply("$ ~> | data | {\"amount\": 0} |", body);
    assertThat(body).isEqualTo(ORDER);
  }

  @Test
  void compileErrorsAreA422OnTransformExpressionWithReasonAndPosition() {
    HookstreamException e =
        catchThrowableOfType(HookstreamException.class, () -> engine.compile("{ \"a\": "));
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.fieldErrors())
        .singleElement()
        .satisfies(
            fe -> {
              assertThat(fe.field()).isEqualTo("transform_expression");
              assertThat(fe.message())
                  .contains("Expected \"}\"")
                  .contains("S0203")
                  .contains("position 7");
            });
    HookstreamException badToken =
        catchThrowableOfType(HookstreamException.class, () -> engine.compile("type = = 1"));
    assertThat(badToken.getMessage()).contains("code S0").contains("position");
    for (String blank : new String[] {null, "", "  "}) {
      assertThat(
              catchThrowableOfType(HookstreamException.class, () -> engine.compile(blank))
                  .fieldErrors()
                  .get(0)
                  .field())
          .isEqualTo("transform_expression");
    }
  }

  @Test
  void runtimeErrorsAreTransformExceptionsWithTheJsonataCode() {
    TransformException notAFunction = failure(engine.compile("$nothing()"));
    assertThat(notAFunction.reason()).isEqualTo(Reason.EVALUATION_ERROR);
    assertThat(notAFunction.code()).isEqualTo("T1006");
    assertThat(notAFunction.getMessage()).contains("non-function");

    TransformException typeError = failure(engine.compile("data.amount + type"));
    assertThat(typeError.reason()).isEqualTo(Reason.EVALUATION_ERROR);
    assertThat(typeError.code()).isEqualTo("T2002");

    TransformException thrown = failure(engine.compile("$error(\"bad order\")"));
    assertThat(thrown.getMessage()).contains("bad order");
  }

  @Test
  void aResultThatIsNotJsonFails() {
    assertThat(failure(engine.compile("1/0")).reason()).isEqualTo(Reason.EVALUATION_ERROR);
  }

  @Test
  void aFunctionResultIsNoResult() {
    assertThat(engine.compile("function($x){$x}").apply(ORDER, TransformBindings.none())).isEmpty();
  }

  @Test
  void infiniteTailRecursionStopsAtTheDefaultOneSecondLimit() {
    CompiledTransform loop = engine.compile("($f := function($x){$f($x+1)}; $f(0))");
    long start = System.nanoTime();
    TransformException e = failure(loop);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e.reason()).isEqualTo(Reason.TIME_LIMIT);
    assertThat(e.code()).isEqualTo("U1001");
    assertThat(e.getMessage()).contains("time limit of 1000 ms");
    // Not before the limit; how long after depends on the machine's load (the limit is CPU time).
    assertThat(millis).isGreaterThanOrEqualTo(900L);
  }

  @Test
  void aLongLoopStopsAtAConfiguredLimit() {
    // The reason proves the guard stopped it; wall time is not asserted (machines vary).
    TransformEngine quick = new DashjoinTransformEngine(Duration.ofMillis(200), 500);
    TransformException e = failure(quick.compile("$sum([1..10000000].($ * 2))"));

    assertThat(e.reason()).isEqualTo(Reason.TIME_LIMIT);
    assertThat(e.getMessage()).contains("200 ms");
  }

  @Test
  void writingOutAHugeResultIsCoveredByTheTimeLimit() {
    TransformEngine quick = new DashjoinTransformEngine(Duration.ofMillis(50), 500);
    TransformException e = failure(quick.compile("[1..10000000]"));
    assertThat(e.reason()).isEqualTo(Reason.TIME_LIMIT);
  }

  @Test
  void deepRecursionStopsAtTheDepthLimit() {
    TransformException e = failure(engine.compile("($f := function($x){1 + $f($x+1)}; $f(0))"));
    assertThat(e.reason()).isEqualTo(Reason.DEPTH_LIMIT);
    assertThat(e.code()).isEqualTo("U1001");
    assertThat(e.getMessage()).contains("depth of 500");

    String factorial = "($f := function($n){$n <= 1 ? 1 : $n * $f($n - 1)}; $f(30))";
    assertThat(apply(factorial, ORDER).doubleValue())
        .isCloseTo(2.652528598121910e32, org.assertj.core.data.Percentage.withPercentage(1e-9));
    TransformEngine shallow = new DashjoinTransformEngine(Duration.ofSeconds(1), 40);
    assertThat(failure(shallow.compile(factorial)).reason()).isEqualTo(Reason.DEPTH_LIMIT);
  }

  @Test
  void aStackOverflowBelowTheDepthLimitIsAlsoADepthFailureAndTheThreadLivesOn() throws Exception {
    TransformEngine unlimited = new DashjoinTransformEngine(Duration.ofSeconds(5), 10_000_000);
    CompiledTransform recursion = unlimited.compile("($f := function($x){1 + $f($x+1)}; $f(0))");
    CompiledTransform normal = unlimited.compile("data.customer.id");
    CompletableFuture<List<Object>> outcome = new CompletableFuture<>();
    Thread small =
        new Thread(
            null,
            () -> {
              List<Object> seen = new ArrayList<>();
              seen.add(failure(recursion).reason());
              seen.add(normal.apply(ORDER, TransformBindings.none()).orElseThrow().asText());
              outcome.complete(seen);
            },
            "small-stack",
            256 * 1024);
    small.start();

    assertThat(outcome.get(30, TimeUnit.SECONDS)).containsExactly(Reason.DEPTH_LIMIT, "cus_9");
    small.join(5_000);
  }

  @Test
  void runawayExpressionsLeaveTheCallingThreadUsableAndStartNoThreads() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      TransformEngine quick = new DashjoinTransformEngine(Duration.ofMillis(100), 500);
      CompiledTransform loop = quick.compile("($f := function($x){$f($x+1)}; $f(0))");
      CompiledTransform deep = quick.compile("($f := function($x){1 + $f($x+1)}; $f(0))");
      CompiledTransform fine = quick.compile("type");
      caller.submit(() -> fine.apply(ORDER, TransformBindings.none())).get(10, TimeUnit.SECONDS);
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

      for (int i = 0; i < 5; i++) {
        Future<Reason> timed = caller.submit(() -> failure(loop).reason());
        Future<Reason> depth = caller.submit(() -> failure(deep).reason());
        Future<String> after =
            caller.submit(() -> fine.apply(ORDER, TransformBindings.none()).orElseThrow().asText());
        assertThat(timed.get(10, TimeUnit.SECONDS)).isEqualTo(Reason.TIME_LIMIT);
        assertThat(depth.get(10, TimeUnit.SECONDS)).isEqualTo(Reason.DEPTH_LIMIT);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("order.created");
      }

      // Ten stopped evaluations; a thread per evaluation would show as +10. Allow the JVM's own
      // housekeeping threads to come and go.
      assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
          .isLessThanOrEqualTo(threadsBefore + 2);
    } finally {
      caller.shutdownNow();
      assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void oneCompiledTransformServesManyThreadsAtOnce() throws Exception {
    CompiledTransform transform =
        engine.compile(
            "{ \"n\": n, \"double\": n * 2, \"who\": $headers.'x-who', \"list\": [1..n % 5] }");
    int threads = 8;
    int perThread = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String who = "thread-" + t;
        results.add(
            pool.submit(
                () -> {
                  int correct = 0;
                  for (int n = 1; n <= perThread; n++) {
                    TransformBindings bindings =
                        TransformBindings.builder().headers(Map.of("x-who", List.of(who))).build();
                    JsonNode out =
                        transform
                            .apply(Json.MAPPER.createObjectNode().put("n", n), bindings)
                            .orElseThrow();
                    JsonNode list = out.get("list");
                    boolean listOk = list != null && list.size() == n % 5;
                    if (out.get("n").intValue() == n
                        && out.get("double").intValue() == 2 * n
                        && out.get("who").asText().equals(who)
                        && listOk) {
                      correct++;
                    }
                  }
                  return correct;
                }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(perThread);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void limitsMustBeSensible() {
    assertThatThrownBy(() -> new DashjoinTransformEngine(Duration.ZERO, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DashjoinTransformEngine(Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
