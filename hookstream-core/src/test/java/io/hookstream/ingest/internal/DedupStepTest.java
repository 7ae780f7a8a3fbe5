package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DedupStepTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore(clock);
  private final DedupStep step = new DedupStep(kv);
  private ExecutorService pool;

  @AfterEach
  void stopPool() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static SourceRecord.Dedup dedup(String strategy, String field, int window) {
    return new SourceRecord.Dedup(strategy, field, window);
  }

  private IngestContext ctx(SourceRecord source, IngestRequest request) {
    return Fixtures.context(source, request, clock);
  }

  private IngestContext send(SourceRecord source, IngestRequest request) {
    IngestContext c = ctx(source, request);
    step.process(c, Fixtures.persisted());
    return c;
  }

  private static IngestRequest json(String body) {
    return IngestRequest.json(body);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void payloadHashFlagsTheSecondIdenticalBodyAsDuplicateOfTheFirst() throws Exception {
    SourceRecord source = Fixtures.withDedup(dedup("payload_hash", null, 300));
    IngestContext first = send(source, json("{\"a\":1}"));
    assertThat(first.dedupStatus()).isEqualTo("unique");
    assertThat(first.eventId()).startsWith("evt_").hasSize(36);

    IngestContext second = ctx(source, json("{\"a\":1}"));
    IngestResult answer = step.process(second, Fixtures.persisted());
    assertThat(second.dedupStatus()).isEqualTo("duplicate");
    assertThat(second.duplicateOf()).isEqualTo(first.eventId());
    assertThat(second.eventId()).isNotEqualTo(first.eventId());
    assertThat(answer).isEqualTo(new IngestResult(first.eventId(), "src_dedup", true));

    assertThat(send(source, json("{\"a\": 1}")).dedupStatus())
        .as("the raw bytes are hashed, so whitespace matters")
        .isEqualTo("unique");
    assertThat(kv.get("dedup:src_dedup:payload_hash:" + sha256("{\"a\":1}")))
        .contains(first.eventId());
  }

  @Test
  void payloadHashIsTheDefaultStrategyAndThreeHundredSecondsTheDefaultWindow() {
    SourceRecord source = Fixtures.withDedup(dedup(null, null, 0));
    String original = send(source, json("x")).eventId();
    clock.advance(Duration.ofSeconds(299));
    assertThat(send(source, json("x")).duplicateOf()).isEqualTo(original);
    clock.advance(Duration.ofSeconds(1));
    IngestContext later = send(source, json("x"));
    assertThat(later.dedupStatus()).isEqualTo("unique");
    assertThat(later.eventId()).isNotEqualTo(original);
  }

  @Test
  void headerFieldIsMatchedCaseInsensitively() {
    SourceRecord source = Fixtures.withDedup(dedup("header_field", "X-GitHub-Delivery", 600));
    IngestContext first =
        send(
            source,
            IngestRequest.builder()
                .header("x-github-delivery", "d-1")
                .body(new byte[] {1})
                .build());
    IngestContext second =
        send(
            source,
            IngestRequest.builder()
                .header("X-GITHUB-DELIVERY", "d-1")
                .body(new byte[] {2})
                .build());
    IngestContext other =
        send(
            source,
            IngestRequest.builder()
                .header("X-GitHub-Delivery", "d-2")
                .body(new byte[] {1})
                .build());
    assertThat(first.dedupStatus()).isEqualTo("unique");
    assertThat(second.duplicateOf())
        .as("different bodies, same delivery id")
        .isEqualTo(first.eventId());
    assertThat(other.dedupStatus()).isEqualTo("unique");
    clock.advance(Duration.ofSeconds(599));
    assertThat(
            send(source, IngestRequest.builder().header("x-github-delivery", "d-1").build())
                .duplicate())
        .isTrue();
  }

  @Test
  void missingOrBlankHeaderMakesEveryRequestUnique() {
    SourceRecord source = Fixtures.withDedup(dedup("header_field", "Idempotency-Key", 300));
    IngestContext a = send(source, json("{}"));
    IngestContext b = send(source, json("{}"));
    IngestContext c = send(source, IngestRequest.builder().header("Idempotency-Key", "  ").build());
    IngestContext d = send(source, IngestRequest.builder().header("Idempotency-Key", "  ").build());
    assertThat(List.of(a, b, c, d))
        .allSatisfy(x -> assertThat(x.dedupStatus()).isEqualTo("unique"));
    assertThat(a.eventId()).isNotEqualTo(b.eventId());
  }

  @Test
  void bodyFieldUsesTheValueAtTheDotPath() {
    SourceRecord source = Fixtures.withDedup(dedup("body_field", "data.id", 300));
    IngestContext first = send(source, json("{\"type\":\"a\",\"data\":{\"id\":\"pay_1\"}}"));
    IngestContext second =
        send(source, json("{\"type\":\"b\",\"data\":{\"id\":\"pay_1\",\"x\":2}}"));
    IngestContext other = send(source, json("{\"data\":{\"id\":\"pay_2\"}}"));
    assertThat(second.duplicateOf()).isEqualTo(first.eventId());
    assertThat(other.dedupStatus()).isEqualTo("unique");
  }

  @Test
  void bodyFieldScalarsCompareAsTheirJsonText() {
    SourceRecord source = Fixtures.withDedup(dedup("body_field", "id", 300));
    IngestContext number = send(source, json("{\"id\":123}"));
    IngestContext string = send(source, json("{\"id\":\"123\"}"));
    IngestContext numberAgain = send(source, json("{\"id\": 123, \"more\": true}"));
    IngestContext bool = send(source, json("{\"id\":true}"));
    IngestContext boolAgain = send(source, json("{\"id\":true}"));
    assertThat(string.dedupStatus()).as("\"123\" is not 123").isEqualTo("unique");
    assertThat(numberAgain.duplicateOf()).isEqualTo(number.eventId());
    assertThat(boolAgain.duplicateOf()).isEqualTo(bool.eventId());
  }

  @Test
  void bodyFieldPathsIndexArrays() {
    SourceRecord source = Fixtures.withDedup(dedup("body_field", "items.1.sku", 300));
    IngestContext first = send(source, json("{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}"));
    IngestContext second = send(source, json("{\"items\":[{\"sku\":\"z\"},{\"sku\":\"b\"}]}"));
    assertThat(second.duplicateOf()).isEqualTo(first.eventId());
  }

  @Test
  void bodyFieldThatCannotBeExtractedMakesTheRequestUnique() {
    SourceRecord source = Fixtures.withDedup(dedup("body_field", "data.id", 300));
    for (String body :
        List.of(
            "not json", "", "{\"data\":{}}", "{\"data\":{\"id\":null}}", "{\"data\":5}", "[1,2]")) {
      IngestContext a = send(source, json(body));
      IngestContext b = send(source, json(body));
      assertThat(a.dedupStatus()).as(body).isEqualTo("unique");
      assertThat(b.dedupStatus()).as(body).isEqualTo("unique");
    }
  }

  @Test
  void sourcesHaveSeparateWindows() {
    SourceRecord one =
        Fixtures.source("src_one", 1, null, null, dedup("payload_hash", null, 300), null);
    SourceRecord two =
        Fixtures.source("src_two", 1, null, null, dedup("payload_hash", null, 300), null);
    send(one, json("same"));
    assertThat(send(two, json("same")).dedupStatus()).isEqualTo("unique");
  }

  @Test
  void withoutDedupSettingsTheStepDoesNothing() {
    IngestContext c = send(Fixtures.withDedup(null), json("x"));
    assertThat(c.dedupStatus()).isNull();
    assertThat(kv.get(DedupKeys.key(c, "payload_hash", null).orElseThrow())).isEmpty();
  }

  @Test
  void theContextsEventIdIsWhatTheWindowRemembers() {
    SourceRecord source = Fixtures.withDedup(dedup("payload_hash", null, 300));
    IngestContext c =
        new IngestContext(source, json("x"), clock, "evt_0123456789abcdef0123456789abcdef");
    step.process(c, Fixtures.persisted());
    assertThat(kv.get(DedupKeys.key(c, "payload_hash", null).orElseThrow()))
        .contains("evt_0123456789abcdef0123456789abcdef");
  }

  @Test
  void aRequestThatFailsLaterReleasesItsKeySoTheRetryIsUnique() {
    SourceRecord source = Fixtures.withDedup(dedup("payload_hash", null, 300));
    IngestContext failed = ctx(source, json("x"));
    assertThatThrownBy(
            () ->
                step.process(
                    failed,
                    c -> {
                      throw new HookstreamException(ErrorCode.UNAVAILABLE, "store down");
                    }))
        .isInstanceOf(HookstreamException.class);
    IngestContext retry = send(source, json("x"));
    assertThat(retry.dedupStatus()).isEqualTo("unique");
    assertThat(send(source, json("x")).duplicateOf()).isEqualTo(retry.eventId());
  }

  @Test
  void sixteenConcurrentIdenticalRequestsYieldExactlyOneUnique() throws Exception {
    SourceRecord source = Fixtures.withDedup(dedup("payload_hash", null, 300));
    int n = 16;
    pool = Executors.newFixedThreadPool(n);
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<IngestContext>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Callable<IngestContext> call =
          () -> {
            IngestContext c = ctx(source, json("{\"order\":42}"));
            ready.countDown();
            assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
            step.process(c, Fixtures.persisted());
            return c;
          };
      futures.add(pool.submit(call));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<IngestContext> done = new ArrayList<>();
    for (Future<IngestContext> f : futures) {
      done.add(f.get(10, TimeUnit.SECONDS));
    }
    List<IngestContext> unique = done.stream().filter(c -> !c.duplicate()).toList();
    assertThat(unique).hasSize(1);
    String original = unique.get(0).eventId();
    assertThat(done.stream().filter(IngestContext::duplicate))
        .hasSize(n - 1)
        .allSatisfy(c -> assertThat(c.duplicateOf()).isEqualTo(original));
    assertThat(done.stream().map(IngestContext::eventId).distinct()).hasSize(n);

    clock.advance(Duration.ofSeconds(300));
    IngestContext afterWindow = send(source, json("{\"order\":42}"));
    assertThat(afterWindow.dedupStatus()).isEqualTo("unique");
    assertThat(afterWindow.eventId()).isNotEqualTo(original);
  }
}
