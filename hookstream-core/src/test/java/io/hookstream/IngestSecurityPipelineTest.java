package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.event.Event;
import io.hookstream.event.EventQuery;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.page.PageRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IP, dedup and schema steps in a real engine, in pipeline order, in front of the engine's
 * persist step: what is stored and what the sender is answered.
 */
class IngestSecurityPipelineTest {

  private final ManualClock clock = new ManualClock();
  private Hookstream hs;
  private Scope scope;

  @BeforeEach
  void setUp() {
    hs =
        TestEngine.builder(new InMemoryStore(), clock)
            .trustedProxies(TrustedProxies.of("10.0.0.0/8"))
            .build()
            .start();
    scope = TestEngine.newScope(hs);
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  private String source(SourceSpec.Builder spec) {
    return hs.sources().create(scope, spec.name("Secured").build()).id();
  }

  private List<Event> stored(String sourceId) {
    return hs.events()
        .list(scope, new EventQuery(sourceId, null, null, null, null), PageRequest.first(100))
        .items();
  }

  @Test
  void aDuplicateIsStoredForVisibilityAndAnsweredWithTheOriginalId() {
    String src = source(SourceSpec.builder().dedupStrategy("body_field").dedupField("data.id"));
    IngestResult first =
        hs.ingest(src, IngestRequest.json("{\"data\":{\"id\":\"pay_1\"},\"n\":1}"));
    IngestResult second =
        hs.ingest(src, IngestRequest.json("{\"data\":{\"id\":\"pay_1\"},\"n\":2}"));

    assertThat(first.duplicate()).isFalse();
    assertThat(second).isEqualTo(new IngestResult(first.eventId(), src, true));
    List<Event> events = stored(src);
    assertThat(events).hasSize(2);
    Event original = hs.events().require(scope, first.eventId());
    assertThat(original.dedupStatus()).isEqualTo("unique");
    Event copy =
        events.stream().filter(e -> !e.id().equals(first.eventId())).findFirst().orElseThrow();
    assertThat(copy.dedupStatus()).isEqualTo("duplicate");
    assertThat(copy.duplicateOf()).isEqualTo(first.eventId());
    assertThat(copy.routedAt()).as("a duplicate is never handed to routing").isNotNull();

    clock.advance(Duration.ofSeconds(300));
    assertThat(hs.ingest(src, IngestRequest.json("{\"data\":{\"id\":\"pay_1\"}}")).duplicate())
        .isFalse();
  }

  @Test
  void rejectedSchemaStoresNothingAndDoesNotHoldTheDedupKey() {
    String src =
        source(
            SourceSpec.builder()
                .dedupStrategy("payload_hash")
                .schemaValidationEnabled(true)
                .jsonSchema("{\"required\":[\"type\"]}"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> hs.ingest(src, IngestRequest.json("{\"data\":{}}")))
          .isInstanceOfSatisfying(
              HookstreamException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.details()).containsKey("validation_errors");
              });
    }
    assertThat(stored(src)).isEmpty();
  }

  @Test
  void warnStoresTheEventMarkedSchemaInvalid() {
    String src =
        source(
            SourceSpec.builder()
                .schemaValidationEnabled(true)
                .jsonSchema("{\"required\":[\"type\"]}")
                .schemaAction("warn"));
    IngestResult r = hs.ingest(src, IngestRequest.json("{}"));
    assertThat(hs.events().require(scope, r.eventId()).verificationStatus())
        .isEqualTo("schema_invalid");
  }

  @Test
  void theClientBehindATrustedProxyIsFilteredAndStored() {
    String src = source(SourceSpec.builder().ipAllowlist(List.of("198.51.100.0/24")));
    IngestResult r =
        hs.ingest(
            src,
            IngestRequest.builder()
                .clientIp("10.0.0.7")
                .header("X-Forwarded-For", "6.6.6.6, 198.51.100.20")
                .build());
    assertThat(hs.events().require(scope, r.eventId()).sourceIp()).isEqualTo("198.51.100.20");

    assertThatThrownBy(
            () ->
                hs.ingest(
                    src,
                    IngestRequest.builder()
                        .clientIp("203.0.113.1")
                        .header("X-Forwarded-For", "198.51.100.20")
                        .build()))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(stored(src)).hasSize(1);
  }
}
