package io.hookstream.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.Hookstream;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Channel types as a chat service receives them, the SSRF guard, masking and conflicts. */
class NotificationChannelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertFixture f = new AlertFixture(Instant.parse("2026-03-01T10:01:00Z"));
  private final NotificationReceiver receiver = NotificationReceiver.start();

  @AfterEach
  void close() {
    f.close();
    receiver.close();
  }

  @Test
  void slackGetsTextAndBlocks() throws Exception {
    NotificationChannel slack = channel("slack", Map.of("url", receiver.url()));
    assertThat(f.hs.notificationChannels().test(f.scope, slack.id()).success()).isTrue();
    JsonNode body = JSON.readTree(receiver.await(1).get(0).body());
    assertThat(body.path("text").asText()).startsWith("hookstream test notification: ");
    assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(body.path("blocks").get(1).path("text").path("text").asText())
        .contains("channel ops");
  }

  @Test
  void discordGetsContentAndEmbeds() throws Exception {
    NotificationChannel discord = channel("discord", Map.of("url", receiver.url()));
    f.hs.notificationChannels().test(f.scope, discord.id());
    JsonNode body = JSON.readTree(receiver.await(1).get(0).body());
    assertThat(body.path("content").asText()).isEqualTo("hookstream test notification");
    assertThat(body.path("embeds").get(0).path("description").asText()).contains("channel ops");
    assertThat(body.path("embeds").get(0).path("timestamp").asText())
        .isEqualTo("2026-03-01T10:01:00Z");
  }

  @Test
  void aWebhookWithoutSecretIsNotSignedAndAFailedTestSaysWhy() {
    NotificationChannel plain = f.webhook(receiver.url(), null);
    receiver.answer(503);
    ChannelTestResult result = f.hs.notificationChannels().test(f.scope, plain.id());
    assertThat(result.success()).isFalse();
    assertThat(result.error()).contains("503");
    assertThat(receiver.await(1).get(0).header("X-hookstream-Signature")).isNull();
  }

  @Test
  void secretsAreMaskedAndKeptWhenSentBackMasked() {
    NotificationChannel c = f.webhook(receiver.url(), "whsec_0123456789abcdef");
    assertThat(c.config().get("secret")).isEqualTo("****cdef");
    NotificationChannel renamed =
        f.hs
            .notificationChannels()
            .update(
                f.scope,
                c.id(),
                NotificationChannelSpec.builder()
                    .name("renamed")
                    .config(Map.of("url", receiver.url(), "secret", "****cdef"))
                    .build());
    assertThat(renamed.name()).isEqualTo("renamed");
    String stored = f.store.notificationChannels().find(f.scope, c.id()).get().configJson();
    assertThat(stored).contains("whsec_0123456789abcdef");
  }

  @Test
  void withSecretKeysTheSecretIsStoredEncryptedAndStillSigns() throws Exception {
    ManualClock clock = new ManualClock();
    InMemoryStore store = new InMemoryStore();
    try (Hookstream sealed =
        Hookstream.builder()
            .store(store)
            .keyValueStore(new InMemoryKeyValueStore(clock))
            .blobStore(new InMemoryBlobStore())
            .clock(clock)
            .secretKeys(
                io.hookstream.secret.SecretKeys.parse(io.hookstream.secret.SecretKeys.newKey()))
            .allowPrivateNotificationTargets(true)
            .build()) {
      var org = sealed.organizations().create("Acme");
      var scope = sealed.organizations().createEnvironment(org.id(), "production").scope();
      String secret = "whsec_sealed_0123456789";
      NotificationChannel c =
          sealed
              .notificationChannels()
              .create(
                  scope,
                  NotificationChannelSpec.builder()
                      .name("ops")
                      .type("webhook")
                      .config(Map.of("url", receiver.url(), "secret", secret))
                      .build());
      assertThat(store.notificationChannels().find(scope, c.id()).get().configJson())
          .doesNotContain(secret)
          .contains("enc:v1:");
      assertThat(sealed.notificationChannels().get(scope, c.id()).config().get("secret"))
          .isEqualTo("****6789");
      sealed
          .notificationChannels()
          .update(scope, c.id(), NotificationChannelSpec.builder().name("renamed").build());
      assertThat(sealed.notificationChannels().test(scope, c.id()).success()).isTrue();
      NotificationReceiver.Received got = receiver.await(1).get(0);
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      assertThat(got.header("X-hookstream-Signature"))
          .isEqualTo(
              java.util.HexFormat.of()
                  .formatHex(
                      mac.doFinal(got.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
  }

  @Test
  void loopbackAddressesAreRefusedByDefault() {
    ManualClock clock = new ManualClock();
    try (Hookstream strict =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(clock))
            .blobStore(new InMemoryBlobStore())
            .clock(clock)
            .build()) {
      var org = strict.organizations().create("Acme");
      var scope = strict.organizations().createEnvironment(org.id(), "production").scope();
      assertThatThrownBy(
              () ->
                  strict
                      .notificationChannels()
                      .create(
                          scope,
                          NotificationChannelSpec.builder()
                              .name("metadata")
                              .type("webhook")
                              .config(Map.of("url", "http://127.0.0.1:8080/alerts"))
                              .build()))
          .isInstanceOfSatisfying(
              HookstreamException.class,
              e ->
                  assertThat(e.fieldErrors())
                      .extracting(fe -> fe.field())
                      .containsExactly("config.url"));
    }
  }

  @Test
  void aChannelInUseCannotBeDeleted() {
    NotificationChannel c = f.webhook(receiver.url(), null);
    AlertRule rule =
        f.hs
            .alertRules()
            .create(
                f.scope,
                AlertRuleSpec.builder()
                    .name("Anything opened")
                    .ruleType("issue_opened")
                    .channelIds(List.of(c.id()))
                    .build());
    assertThatThrownBy(() -> f.hs.notificationChannels().delete(f.scope, c.id()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
              assertThat(e.getMessage()).contains(rule.id()).contains("Anything opened");
            });
    f.hs.alertRules().delete(f.scope, rule.id());
    f.hs.notificationChannels().delete(f.scope, c.id());
    assertThat(f.store.notificationChannels().findById(c.id())).isEmpty();
  }

  private NotificationChannel channel(String type, Map<String, Object> config) {
    return f.hs
        .notificationChannels()
        .create(
            f.scope,
            NotificationChannelSpec.builder().name("ops").type(type).config(config).build());
  }
}
