package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.net.Webhook;
import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.SourceRecord.Verification;
import io.hookstream.verify.SourceTemplates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The signature step in a pipeline whose next step records what would be persisted: a rejected
 * request never reaches it, time comes from the engine's clock, and compiled verifiers follow
 * source versions within a bounded cache.
 */
class SignatureStepTest {

  private static final String BODY = "{\"id\":\"evt_1\",\"object\":\"event\",\"amount\":2000}";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final List<IngestContext> persisted = new CopyOnWriteArrayList<>();
  private final IngestStep.Chain persist =
      context -> {
        persisted.add(context);
        return new IngestResult("evt_" + persisted.size(), context.source().id(), false);
      };
  private ExecutorService pool;

  @AfterEach
  void stopPool() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static SourceRecord source(String id, long version, Verification verification) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    return new SourceRecord(
        id,
        "org_1",
        "env_1",
        id,
        id,
        null,
        "stripe",
        verification,
        null,
        null,
        null,
        null,
        version,
        at,
        at,
        null);
  }

  private static Verification stripe(String secret) {
    return SourceTemplates.verification("stripe", secret).orElseThrow();
  }

  private IngestRequest stripeRequest(String secret) throws Exception {
    String header =
        Webhook.Signature.generateSignatureHeader(BODY, secret, clock.now().getEpochSecond());
    return IngestRequest.builder()
        .header("content-type", "application/json")
        .header("Stripe-Signature", header)
        .body(BODY.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private IngestResult run(SignatureStep step, SourceRecord source, IngestRequest request) {
    return step.process(new IngestContext(source, request, clock, "evt_test"), persist);
  }

  @Test
  void aSourceWithoutVerificationPassesUnverified() {
    IngestResult result =
        run(new SignatureStep(), source("src_a", 1, null), IngestRequest.json(BODY));

    assertThat(result.sourceId()).isEqualTo("src_a");
    assertThat(persisted)
        .singleElement()
        .satisfies(c -> assertThat(c.verificationStatus()).isEqualTo("unverified"));
  }

  @Test
  void aValidSignatureIsMarkedVerifiedAndAStaleOneNeverReachesPersist() throws Exception {
    SignatureStep step = new SignatureStep();
    SourceRecord source = source("src_a", 1, stripe("whsec_a"));
    IngestRequest signed = stripeRequest("whsec_a");

    run(step, source, signed);
    assertThat(persisted)
        .singleElement()
        .satisfies(c -> assertThat(c.verificationStatus()).isEqualTo("verified"));

    clock.advance(Duration.ofSeconds(301)); // the same request replayed after the tolerance
    assertThatThrownBy(() -> run(step, source, signed))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
        .hasMessageContaining("301 s old");
    assertThat(persisted).hasSize(1);
  }

  @Test
  void aNewSourceVersionIsRecompiledSoTheOldSecretStopsWorking() throws Exception {
    SignatureStep step = new SignatureStep();
    IngestRequest withOld = stripeRequest("whsec_old");
    run(step, source("src_a", 1, stripe("whsec_old")), withOld);

    SourceRecord rotated = source("src_a", 2, stripe("whsec_new"));
    assertThatThrownBy(() -> run(step, rotated, withOld))
        .hasMessageContaining("signature mismatch in Stripe-Signature");
    run(step, rotated, stripeRequest("whsec_new"));

    assertThat(persisted).hasSize(2);
    assertThat(step.cachedSources()).isEqualTo(1);
  }

  @Test
  void theCacheIsBounded() throws Exception {
    SignatureStep step = new SignatureStep(2);
    for (String id : List.of("src_a", "src_b", "src_c")) {
      run(step, source(id, 1, stripe("whsec_" + id)), stripeRequest("whsec_" + id));
    }

    assertThat(persisted).hasSize(3);
    assertThat(step.cachedSources()).isEqualTo(2);
  }

  @Test
  void aStoredVerificationThatNoLongerValidatesFailsClosedAsAServerError() {
    SourceRecord broken =
        source("src_a", 1, new Verification("hmac_md5", "s", null, null, null, null, null));

    assertThatThrownBy(() -> run(new SignatureStep(), broken, IngestRequest.json(BODY)))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("src_a has invalid verification settings")
        .hasMessageContaining("verification_type");
    assertThat(persisted).isEmpty();
  }

  @Test
  void concurrentRequestsAcrossSourcesAllVerify() throws Exception {
    SignatureStep step = new SignatureStep(2); // smaller than the source count: constant eviction
    List<SourceRecord> sources =
        List.of(
            source("src_a", 1, stripe("whsec_a")),
            source("src_b", 1, stripe("whsec_b")),
            source("src_c", 1, stripe("whsec_c")));
    List<IngestRequest> requests = new ArrayList<>();
    for (String s : List.of("whsec_a", "whsec_b", "whsec_c")) {
      requests.add(stripeRequest(s));
    }
    pool = Executors.newFixedThreadPool(4);
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      work.add(
          () -> {
            for (int i = 0; i < 150; i++) {
              int k = (i + offset) % 3;
              run(step, sources.get(k), requests.get(k));
            }
            return null;
          });
    }

    for (Future<Void> f : pool.invokeAll(work, 30, TimeUnit.SECONDS)) {
      f.get(); // rethrows any verification failure
    }
    assertThat(persisted)
        .hasSize(600)
        .allSatisfy(c -> assertThat(c.verificationStatus()).isEqualTo("verified"));
  }
}
