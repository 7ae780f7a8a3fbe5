package io.hookstream.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.secret.SecretKeys;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.testkit.HookstreamExtension;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configs as users write them: write-time validation naming each field (inside the key file too),
 * the key file masked whole on read and encrypted at rest in either form, and the SSRF guard.
 */
class PubSubConfigTest {

  private static final KeyPair KEY = ServiceAccounts.rsa();
  private static final String TOKEN_URI = "https://oauth2.googleapis.com/token";

  private final InMemoryStore store = new InMemoryStore();

  @RegisterExtension
  final HookstreamExtension hs =
      HookstreamExtension.create(
          b ->
              b.store(store)
                  .secretKeys(SecretKeys.primary(new byte[SecretKeys.KEY_BYTES]))
                  .provider(GcpProviders.builder().allowPrivateNetworks(true).build().pubSub()));

  private static Map<String, Object> config(Object serviceAccount) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("project_id", "my-gcp-project");
    config.put("topic_id", "webhook-events");
    config.put("service_account_json", serviceAccount);
    return config;
  }

  private Destination create(String type, Map<String, Object> config) {
    return hs.engine()
        .destinations()
        .create(
            hs.scope(), DestinationSpec.builder().name("topic").type(type).config(config).build());
  }

  private List<FieldError> errorsCreating(Map<String, Object> config) {
    try {
      create("pubsub", config);
    } catch (HookstreamException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      return e.fieldErrors();
    }
    throw new AssertionError("expected a validation error");
  }

  @Test
  void everyRequiredFieldIsNamedWhenMissing() {
    // google-auth-library is on this module's test class path: ADC stands in for a missing key.
    assertThat(errorsCreating(Map.of()))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("config.project_id", "config.topic_id");
  }

  @Test
  void aBadKeyFileIsNamedDownToTheFieldInsideIt() {
    assertThat(errorsCreating(config("{not json")))
        .extracting(FieldError::field)
        .containsExactly("config.service_account_json");

    Map<String, Object> noKey = ServiceAccounts.keyFile(KEY, TOKEN_URI);
    noKey.remove("private_key");
    noKey.put("client_email", "");
    assertThat(errorsCreating(config(noKey)))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "config.service_account_json.private_key", "config.service_account_json.client_email");

    Map<String, Object> badKey = ServiceAccounts.keyFile(KEY, TOKEN_URI);
    badKey.put(
        "private_key", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");
    assertThat(errorsCreating(config(badKey)))
        .containsExactly(
            new FieldError(
                "config.service_account_json.private_key",
                "must be an RSA private key in PKCS#8 PEM form"));
  }

  @Test
  void badProjectAndTopicIdsAreNamed() {
    Map<String, Object> config = config(ServiceAccounts.keyFile(KEY, TOKEN_URI));
    config.put("project_id", "My Project");
    config.put("topic_id", "goog-reserved");
    assertThat(errorsCreating(config))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("config.project_id", "config.topic_id");
  }

  @Test
  void theKeyFileTextIsMaskedWholeAndNotStoredInTheClear() {
    String text = ServiceAccounts.keyFileText(KEY, TOKEN_URI);
    Destination d = create("gcp_pubsub", config(text));

    assertThat(d.config()).containsEntry("service_account_json", "****");
    assertThat(hs.engine().destinations().require(hs.scope(), d.id()).config())
        .containsEntry("service_account_json", "****")
        .containsEntry("project_id", "my-gcp-project");
    String stored = store.destinations().findById(d.id()).orElseThrow().configJson();
    assertThat(stored)
        .doesNotContain(ServiceAccounts.keyMaterial(KEY))
        .doesNotContain("PRIVATE KEY")
        .contains("my-gcp-project");
  }

  @Test
  void aKeyFileObjectIsEncryptedLeafByLeaf() {
    Destination d = create("gcp_pubsub", config(ServiceAccounts.keyFile(KEY, TOKEN_URI)));

    assertThat(d.config()).containsEntry("service_account_json", "****");
    String stored = store.destinations().findById(d.id()).orElseThrow().configJson();
    assertThat(stored)
        .doesNotContain(ServiceAccounts.keyMaterial(KEY))
        .doesNotContain("PRIVATE KEY")
        .doesNotContain(ServiceAccounts.CLIENT_EMAIL);
    assertThat(hs.engine().destinations().revealConfig(hs.scope(), d.id()))
        .isEqualTo(config(ServiceAccounts.keyFile(KEY, TOKEN_URI)));
  }

  @Test
  void aMaskedKeySentBackKeepsTheStoredOne() {
    String text = ServiceAccounts.keyFileText(KEY, TOKEN_URI);
    Destination d = create("pubsub", config(text));
    Map<String, Object> read = new LinkedHashMap<>(d.config());
    read.put("topic_id", "other-topic");

    hs.engine().destinations().update(hs.scope(), d.id(), b -> b.config(read));

    assertThat(hs.engine().destinations().revealConfig(hs.scope(), d.id()))
        .containsEntry("service_account_json", text)
        .containsEntry("topic_id", "other-topic");
  }

  @Test
  void privateEndpointsAndTokenUrisAreRefusedUnlessAllowed() {
    PubSubDestinationProvider guarded = GcpProviders.all().get(0);
    Map<String, Object> config = config(ServiceAccounts.keyFile(KEY, "http://127.0.0.1:9/token"));
    config.put("endpoint", "http://10.0.0.8:8085");
    assertThat(guarded.validate(config))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("endpoint", "service_account_json.token_uri");
    assertThat(guarded.validate(config(ServiceAccounts.keyFile(KEY, TOKEN_URI)))).isEmpty();
    guarded.close();
  }
}
