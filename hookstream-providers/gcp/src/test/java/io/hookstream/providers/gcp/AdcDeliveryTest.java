package io.hookstream.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.providers.gcp.internal.PubSubConfig;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gcp_pubsub with no {@code service_account_json}: google-auth-library's Application Default
 * Credentials read the key file named by {@code GOOGLE_APPLICATION_CREDENTIALS} (set by this
 * module's Surefire configuration to a path under target/) and exchange its JWT at the loopback
 * token endpoint, which verifies the signature; no cloud or metadata address is touched.
 */
class AdcDeliveryTest extends PubSubTestBase {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final KeyPair KEY = ServiceAccounts.rsa();
  private static GoogleStub google;

  @BeforeAll
  static void writeTheApplicationDefaultKeyFile() throws IOException {
    google = GoogleStub.start(KEY.getPublic());
    String path = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    assertThat(path)
        .as("GOOGLE_APPLICATION_CREDENTIALS is set by this module's Surefire configuration")
        .isNotBlank();
    Path file = Path.of(path);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, ServiceAccounts.keyFileText(KEY, google.tokenUri()), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  private static Map<String, Object> configWithoutKey() {
    Map<String, Object> config = config(google.endpoint(), "adc-events", null);
    config.remove("service_account_json");
    return config;
  }

  private void deliversOne(String src, String body) {
    String evt = hs.send(src, body).eventId();
    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);
    assertThat(attempt.status())
        .as("%s; token requests refused: %s", attempt, google.rejected())
        .isEqualTo("success");
  }

  @Test
  void withoutAKeyTheApplicationDefaultCredentialsTokenIsPublishedWith() {
    String src = connect(configWithoutKey());

    deliversOne(src, "{\"adc\":true}");

    assertThat(google.rejected()).isEmpty();
    assertThat(google.issued()).hasSize(1);
    GoogleStub.Published message = google.published().get(0);
    assertThat(message.topicPath()).isEqualTo("projects/proj-test/topics/adc-events");
    assertThat(new String(message.data(), StandardCharsets.UTF_8)).isEqualTo("{\"adc\":true}");
    assertThat(message.bearer()).isEqualTo(google.issued().get(0));

    // A revoked token is refreshed once through the library and the publish goes through.
    google.revokeTokens();
    deliversOne(src, "{\"after\":\"revoke\"}");
    assertThat(google.issued()).hasSize(2);
    assertThat(google.published().get(1).bearer()).isEqualTo(google.issued().get(1));
  }

  @Test
  void withoutTheLibraryAMissingKeyNamesTheFieldAndSaysWhy() {
    PubSubConfig parsed = PubSubConfig.parse(configWithoutKey(), new AddressPolicy(true), false);

    assertThat(parsed.errors())
        .containsExactly(
            new FieldError(
                "service_account_json",
                "is required unless google-auth-library is on the class path"
                    + " (for Application Default Credentials)"));
  }
}
