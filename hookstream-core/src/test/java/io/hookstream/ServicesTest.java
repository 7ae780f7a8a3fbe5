package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.auth.ApiKeyMode;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.page.PageRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.Principal;
import io.hookstream.spi.store.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServicesTest {

  private final ManualClock clock = new ManualClock();
  private Hookstream hs;
  private Scope scope;
  private Scope otherOrg;

  @BeforeEach
  void setUp() {
    hs = TestEngine.start(clock);
    scope = TestEngine.newScope(hs);
    otherOrg = TestEngine.newScope(hs);
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  @Test
  void apiKeysAreShownOnceStoredHashedAndRevocable() {
    var created = hs.apiKeys().create(scope, "backend", ApiKeyMode.LIVE);
    assertThat(created.key()).matches("hs_live_[0-9a-f]{64}");
    assertThat(created.record().keyHash()).hasSize(64).isNotEqualTo(created.key());
    assertThat(created.record().keyPrefix()).isEqualTo(created.key().substring(0, 12));

    Principal p =
        hs.authenticate(new Authenticator.Credentials(created.key(), Map.of())).orElseThrow();
    assertThat(p.orgId()).isEqualTo(scope.orgId());
    assertThat(p.envId()).isEqualTo(scope.envId());
    assertThat(hs.apiKeys().get(scope, created.record().id()).orElseThrow().requestCount())
        .isEqualTo(1);

    String tampered =
        created.key().substring(0, created.key().length() - 1)
            + (created.key().endsWith("0") ? "1" : "0");
    assertThat(hs.apiKeys().authenticateKey(tampered)).isEmpty();
    assertThat(hs.apiKeys().authenticateKey("hs_live_short")).isEmpty();
    assertThat(hs.apiKeys().authenticateKey(null)).isEmpty();

    assertThatThrownBy(() -> hs.apiKeys().revoke(otherOrg, created.record().id()))
        .satisfies(code(ErrorCode.NOT_FOUND));
    hs.apiKeys().revoke(scope, created.record().id());
    assertThat(hs.apiKeys().authenticateKey(created.key())).isEmpty();
  }

  @Test
  void aHostChosenKeyCanBeRegisteredSoScriptsKnowIt() {
    String key = "hs_test_" + "ab".repeat(32);
    hs.apiKeys().register(scope, "ci", key);
    assertThat(hs.apiKeys().authenticateKey(key)).isPresent();
    assertThatThrownBy(() -> hs.apiKeys().register(scope, "bad", "sk_live_123"))
        .satisfies(field("key"));
  }

  @Test
  void hostAuthenticatorsAreTriedAfterApiKeys() {
    try (Hookstream withSession =
        TestEngine.builder(new io.hookstream.store.memory.InMemoryStore(), clock)
            .authenticator(
                c ->
                    c.header("cookie")
                        .filter("session=ok"::equals)
                        .map(
                            x -> new Principal("org_1", "env_1", Principal.Kind.SESSION, "user_7")))
            .build()) {
      var principal =
          withSession.authenticate(
              new Authenticator.Credentials(null, Map.of("cookie", List.of("session=ok"))));
      assertThat(principal).map(Principal::subject).contains("user_7");
      assertThat(withSession.authenticate(new Authenticator.Credentials(null, Map.of()))).isEmpty();
    }
  }

  @Test
  void sourcesValidateEveryFieldAndKeepSlugsUniquePerEnvironment() {
    var source = hs.sources().create(scope, SourceSpec.builder().name("Stripe Webhooks").build());
    assertThat(source.slug()).isEqualTo("stripe-webhooks");
    assertThat(hs.sources().ingestUrl(source.id()))
        .isEqualTo("http://localhost:8080/v1/ingest/" + source.id());

    assertThatThrownBy(
            () ->
                hs.sources()
                    .create(
                        scope, SourceSpec.builder().name("again").slug("stripe-webhooks").build()))
        .satisfies(code(ErrorCode.CONFLICT));
    assertThat(
            hs.sources()
                .create(otherOrg, SourceSpec.builder().name("x").slug("stripe-webhooks").build())
                .slug())
        .as("slugs are per environment")
        .isEqualTo("stripe-webhooks");

    assertThatThrownBy(
            () ->
                hs.sources()
                    .create(
                        scope,
                        SourceSpec.builder()
                            .slug("Bad Slug!")
                            .dedupStrategy("body_field")
                            .verificationType("hmac_sha256")
                            .build()))
        .satisfies(
            field("name"), field("slug"), field("dedup_field"), field("verification_secret"));
  }

  @Test
  void updatesApplyChangesToTheCurrentSettings() {
    var source =
        hs.sources()
            .create(scope, SourceSpec.builder().name("a").dedupStrategy("payload_hash").build());
    var updated = hs.sources().update(scope, source.id(), b -> b.name("renamed"));
    assertThat(updated.name()).isEqualTo("renamed");
    assertThat(updated.dedup().strategy()).isEqualTo("payload_hash");
    assertThat(updated.version()).isEqualTo(source.version() + 1);
    assertThat(hs.sources().require(scope, source.id()).name()).isEqualTo("renamed");
  }

  @Test
  void otherOrganizationsCannotSeeOrTouchResources() {
    var source = hs.sources().create(scope, SourceSpec.builder().name("mine").build());
    assertThat(hs.sources().get(otherOrg, source.id())).isEmpty();
    assertThat(hs.sources().list(otherOrg, PageRequest.first(20)).items())
        .extracting(s -> s.id())
        .doesNotContain(source.id());
    assertThatThrownBy(() -> hs.sources().update(otherOrg, source.id(), b -> b.name("x")))
        .satisfies(code(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> hs.sources().delete(otherOrg, source.id()))
        .satisfies(code(ErrorCode.NOT_FOUND));

    var dst =
        hs.destinations()
            .create(scope, DestinationSpec.builder().name("d").url("https://example.com").build());
    assertThatThrownBy(
            () ->
                hs.connections()
                    .create(
                        otherOrg,
                        ConnectionSpec.builder()
                            .sourceId(source.id())
                            .destinationId(dst.id())
                            .build()))
        .satisfies(field("source_id"), field("destination_id"));
  }

  @Test
  void destinationsGetTheSeedRetryDefaultsAndValidateThem() {
    Destination d =
        hs.destinations()
            .create(
                scope,
                DestinationSpec.builder()
                    .name("Backend API")
                    .url("https://api.example.com/hooks")
                    .headers(Map.of("X-Custom", "value"))
                    .build());
    assertThat(d.type()).isEqualTo("http");
    assertThat(d.retry().maxAttempts()).isEqualTo(5);
    assertThat(d.retry().backoff()).isEqualTo("exponential");
    assertThat(d.retry().intervalsSeconds()).containsExactly(30, 300, 1800, 7200, 86400);
    assertThat(d.delivery().maxInFlight()).isEqualTo(10);
    assertThat(d.config())
        .containsEntry("url", "https://api.example.com/hooks")
        .containsEntry("headers", Map.of("X-Custom", "value"));

    assertThatThrownBy(
            () ->
                hs.destinations()
                    .create(
                        scope,
                        DestinationSpec.builder()
                            .name("bad")
                            .retryMaxAttempts(11)
                            .retryBackoffType("random")
                            .retryIntervals(List.of(30, -1))
                            .build()))
        .satisfies(
            field("retry_max_attempts"),
            field("retry_backoff_type"),
            field("retry_intervals.1"),
            field("config.url"));
    assertThatThrownBy(
            () ->
                hs.destinations()
                    .create(scope, DestinationSpec.builder().name("q").type("sqs").build()))
        .satisfies(field("type"));
  }

  @Test
  void connectionsNeedASourceAndADestinationOfTheSameEnvironment() {
    assertThatThrownBy(() -> hs.connections().create(scope, ConnectionSpec.builder().build()))
        .satisfies(field("source_id"), field("destination_id"));
  }

  private static org.assertj.core.api.ThrowingConsumer<Throwable> code(ErrorCode code) {
    return t -> assertThat(((HookstreamException) t).code()).isEqualTo(code);
  }

  private static org.assertj.core.api.ThrowingConsumer<Throwable> field(String name) {
    return t -> {
      HookstreamException e = (HookstreamException) t;
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      assertThat(e.fieldErrors()).extracting(FieldError::field).contains(name);
    };
  }
}
