package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.event.Event;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngestTest {

  private final ManualClock clock = new ManualClock();
  private Hookstream hs;
  private Scope scope;
  private String sourceId;

  @BeforeEach
  void setUp() {
    hs = TestEngine.start(clock);
    scope = TestEngine.newScope(hs);
    sourceId = hs.sources().create(scope, SourceSpec.builder().name("Orders").build()).id();
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  @Test
  void storesEverythingTheRequestCarried() {
    byte[] body =
        "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_1\"}}".getBytes(StandardCharsets.UTF_8);
    IngestResult result =
        hs.ingest(
            sourceId,
            IngestRequest.builder()
                .method("put")
                .url("https://hooks.example.com/v1/ingest/" + sourceId + "?a=1&a=2")
                .header("Content-Type", "application/json")
                .header("X-Custom", "one")
                .header("x-custom", "two")
                .queryParam("a", "1")
                .queryParam("a", "2")
                .clientIp("203.0.113.9")
                .body(body)
                .build());

    assertThat(result.sourceId()).isEqualTo(sourceId);
    assertThat(result.duplicate()).isFalse();
    Event event = hs.events().require(scope, result.eventId());
    assertThat(event.method()).isEqualTo("PUT");
    assertThat(event.path()).isEqualTo("/v1/ingest/" + sourceId);
    assertThat(event.headers())
        .containsEntry("x-custom", List.of("one", "two"))
        .containsEntry("content-type", List.of("application/json"));
    assertThat(event.query()).containsEntry("a", List.of("1", "2"));
    assertThat(event.contentType()).isEqualTo("application/json");
    assertThat(event.sourceIp()).isEqualTo("203.0.113.9");
    assertThat(event.body()).isEqualTo(body);
    assertThat(event.bodySize()).isEqualTo(body.length);
    assertThat(event.receivedAt()).isEqualTo(clock.now());
    assertThat(event.status()).isEqualTo(EventStatus.RECEIVED);
    assertThat(event.verificationStatus()).isEqualTo("unverified");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
  void acceptsAnyMethod(String method) {
    var id = hs.ingest(sourceId, IngestRequest.builder().method(method).build()).eventId();
    assertThat(hs.events().require(scope, id).method()).isEqualTo(method);
  }

  @Test
  void storesEmptyNonJsonAndBinaryBodiesByteForByte() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    for (byte[] body :
        List.of(new byte[0], "not json {".getBytes(StandardCharsets.UTF_8), binary)) {
      var id =
          hs.ingest(
                  sourceId,
                  IngestRequest.builder()
                      .header("content-type", "application/octet-stream")
                      .body(body)
                      .build())
              .eventId();
      assertThat(hs.events().require(scope, id).body()).isEqualTo(body);
    }
  }

  @Test
  void keepsLargeBodiesInTheBlobStoreAndReadsThemBack() {
    byte[] big = new byte[Limits.DEFAULT_MAX_BODY_BYTES];
    new Random(7).nextBytes(big);
    var id = hs.ingest(sourceId, IngestRequest.builder().body(big).build()).eventId();

    var listed =
        hs.events()
            .list(
                scope, io.hookstream.event.EventQuery.ALL, io.hookstream.page.PageRequest.first(10))
            .items()
            .get(0);
    assertThat(listed.body()).as("list does not load blobs").isNull();
    assertThat(listed.bodyBlobKey()).isNotNull();
    assertThat(hs.events().require(scope, id).body()).isEqualTo(big);
  }

  @Test
  void bodyJustOverTheInlineThresholdGoesToTheBlobStore() {
    byte[] atLimit = new byte[Limits.DEFAULT_INLINE_BODY_BYTES];
    byte[] over = new byte[Limits.DEFAULT_INLINE_BODY_BYTES + 1];
    var inline = hs.ingest(sourceId, IngestRequest.builder().body(atLimit).build()).eventId();
    var blob = hs.ingest(sourceId, IngestRequest.builder().body(over).build()).eventId();
    assertThat(
            hs.events()
                .list(
                    scope,
                    io.hookstream.event.EventQuery.ALL,
                    io.hookstream.page.PageRequest.first(10))
                .items())
        .extracting(Event::id, e -> e.bodyBlobKey() != null)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(blob, true),
            org.assertj.core.groups.Tuple.tuple(inline, false));
  }

  @Test
  void refusesBodiesOverTheLimitWith413AndStoresNothing() {
    byte[] tooBig = new byte[Limits.DEFAULT_MAX_BODY_BYTES + 1];
    assertThatThrownBy(() -> hs.ingest(sourceId, IngestRequest.builder().body(tooBig).build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    assertThat(hs.sources().eventCount(scope, sourceId)).isZero();
  }

  @Test
  void unknownAndDeletedSourcesAreNotFound() {
    assertThatThrownBy(() -> hs.ingest("src_doesnotexist", IngestRequest.json("{}")))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    hs.sources().delete(scope, sourceId);
    assertThatThrownBy(() -> hs.ingest(sourceId, IngestRequest.json("{}")))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aCustomIngestStepRunsBeforePersistAndMayReject() {
    try (Hookstream custom =
        TestEngine.builder(new io.hookstream.store.memory.InMemoryStore(), clock)
            .ingestStep(
                (context, chain) -> {
                  if (context.request().header("x-block").isPresent()) {
                    throw new HookstreamException(ErrorCode.FORBIDDEN, "blocked by policy");
                  }
                  return chain.proceed(context);
                })
            .build()
            .start()) {
      Scope s = TestEngine.newScope(custom);
      String src = custom.sources().create(s, SourceSpec.builder().name("a").build()).id();
      assertThat(custom.ingest(src, IngestRequest.json("{}")).eventId()).startsWith("evt_");
      assertThatThrownBy(
              () -> custom.ingest(src, IngestRequest.builder().header("X-Block", "1").build()))
          .hasMessage("blocked by policy");
      assertThat(custom.sources().eventCount(s, src)).isEqualTo(1);
    }
  }
}
