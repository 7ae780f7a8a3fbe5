package io.hookstream.store.jdbc.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.secret.Reencrypted;
import io.hookstream.secret.SecretKeys;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest on a real database: the raw rows hold ciphertext only, reads are masked, the
 * engine still verifies and signs with the plaintext, a wrong key stops the build before any write,
 * and a rotation keeps old rows readable until the re-encrypt step moves them.
 */
abstract class SecretsAtRestScenarios {

  // GitHub's documented example: this secret and payload give this signature.
  static final String SOURCE_SECRET = "It's a Secret to Everybody";
  static final String PAYLOAD = "Hello, World!";
  static final String SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
  static final String BEARER = "Bearer tok_live_7f3a9c21d4e8b650";
  static final String SIGNING_SECRET = "sign_4b1e8f0c27d9a365";

  static final SecretKeys K1 = SecretKeys.primary("k1", bytes(1));
  static final SecretKeys K2_THEN_K1 =
      SecretKeys.primary("k2", bytes(2)).withOldKey("k1", bytes(1));

  private final ManualClock clock = new ManualClock();
  private WebhookReceiver receiver;
  private DataSource db;

  /** The route of the test's first engine, read again by the engines after it. */
  private Setup route;

  /** A fresh, empty database for one test. */
  abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    receiver = WebhookReceiver.start(clock);
    db = freshDatabase();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void rawRowsHoldNoSecretAndTheEngineStillVerifiesAndSigns() throws Exception {
    try (Hookstream hs = engine(K1)) {
      Setup s = setUpRoute(hs);

      String raw = rawRows();
      assertThat(raw)
          .doesNotContain(SOURCE_SECRET, BEARER, "tok_live", SIGNING_SECRET)
          .contains("enc:v1:k1:");

      // Java reads are masked; the methods named for it reveal.
      assertThat(hs.sources().require(s.scope, s.source).verification().secret())
          .isEqualTo("****body");
      assertThat(
              hs.sources()
                  .list(s.scope, io.hookstream.page.PageRequest.first(10))
                  .items()
                  .get(0)
                  .verification()
                  .secret())
          .isEqualTo("****body");
      assertThat(hs.sources().revealVerificationSecret(s.scope, s.source)).contains(SOURCE_SECRET);
      String shown =
          hs.destinations().require(s.scope, s.destination).config()
              + ""
              + hs.destinations().require(s.scope, s.destination).signingConfig();
      assertThat(shown).doesNotContain("tok_live", SIGNING_SECRET).contains("****b650", "****a365");
      assertThat(hs.destinations().revealConfig(s.scope, s.destination))
          .extractingByKey("headers")
          .asString()
          .contains(BEARER);

      // Ingest verifies against the plaintext secret; a wrong signature is still refused.
      hs.ingest(s.source, signed(PAYLOAD));
      assertThatThrownBy(
              () ->
                  hs.ingest(
                      s.source,
                      IngestRequest.builder()
                          .header("X-Hub-Signature-256", SIGNATURE)
                          .body(bytes("Hello, World?"))
                          .build()))
          .isInstanceOfSatisfying(
              HookstreamException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));

      // Delivery sends the plaintext credentials and signs with the plaintext secret.
      assertThat(hs.runDueDeliveries().succeeded()).isEqualTo(1);
      RecordedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(10)).get(0);
      assertThat(got.header("Authorization")).isEqualTo(BEARER);
      assertThat(got.header("X-Signature")).endsWith(hmacHex(SIGNING_SECRET, got.body()));
      assertThat(rawRows()).doesNotContain(SOURCE_SECRET, "tok_live", SIGNING_SECRET);
    }
  }

  @Test
  void aMaskedSecretSentBackUnchangedKeepsTheSecret() throws Exception {
    try (Hookstream hs = engine(K1)) {
      Setup s = setUpRoute(hs);
      var read = hs.sources().require(s.scope, s.source);
      hs.sources()
          .update(
              s.scope,
              s.source,
              b -> b.name("renamed").verificationSecret(read.verification().secret()));
      var dest = hs.destinations().require(s.scope, s.destination);
      Map<String, Object> config = dest.config();
      Map<String, Object> signing = dest.signingConfig();
      hs.destinations()
          .update(
              s.scope, s.destination, b -> b.name("renamed").config(config).signingConfig(signing));

      assertThat(hs.sources().revealVerificationSecret(s.scope, s.source)).contains(SOURCE_SECRET);
      assertThat(hs.destinations().revealConfig(s.scope, s.destination).toString())
          .contains(BEARER, SIGNING_SECRET);
    }
  }

  @Test
  void switchingADestinationOffAndOnKeepsItsSecretsEncryptedAndWhole() throws Exception {
    try (Hookstream hs = engine(K1)) {
      Setup s = setUpRoute(hs);
      hs.destinations().disable(s.scope, s.destination);
      hs.destinations().update(s.scope, s.destination, b -> b.enabled(true));

      assertThat(rawRows()).doesNotContain("tok_live", SIGNING_SECRET).contains("enc:v1:k1:");
      assertThat(hs.destinations().revealConfig(s.scope, s.destination).toString())
          .contains(BEARER, SIGNING_SECRET);
    }
  }

  @Test
  void aWrongKeyFailsTheBuildWithAClearMessageAndTouchesNoRow() throws Exception {
    try (Hookstream hs = engine(K1)) {
      setUpRoute(hs);
    }
    String before = rawRows();

    assertThatThrownBy(() -> engine(SecretKeys.primary("k1", bytes(9))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret key 'k1' does not decrypt")
        .hasMessageContaining("Nothing was changed");
    assertThatThrownBy(() -> engine(SecretKeys.primary("k9", bytes(9))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key id 'k1', which is not among the configured secret keys [k9]");
    assertThatThrownBy(() -> engine(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no secret key is configured");

    assertThat(rawRows()).isEqualTo(before);
  }

  @Test
  void rotationKeepsOldRowsReadableAndReencryptMovesThemToTheNewKey() {
    try (Hookstream hs = engine(K1)) {
      setUpRoute(hs);
    }
    try (Hookstream hs = engine(K2_THEN_K1)) {
      Setup s = route;
      assertThat(hs.sources().revealVerificationSecret(s.scope, s.source)).contains(SOURCE_SECRET);
      hs.ingest(s.source, signed(PAYLOAD)); // verified with the secret under the old key
      assertThat(hs.runDueDeliveries().succeeded()).isEqualTo(1);
      assertThat(receiver.awaitRequests(1, Duration.ofSeconds(10)).get(0).header("Authorization"))
          .isEqualTo(BEARER);
      assertThat(rawRows()).contains("enc:v1:k1:").doesNotContain("enc:v1:k2:");

      assertThat(hs.secrets().reencryptAll()).isEqualTo(new Reencrypted(1, 1, 0));
      assertThat(rawRows()).contains("enc:v1:k2:").doesNotContain("enc:v1:k1:");
      assertThat(hs.secrets().reencryptAll()).isEqualTo(new Reencrypted(0, 0, 0));
      hs.ingest(s.source, signed(PAYLOAD));
    }
    try (Hookstream hs = engine(SecretKeys.primary("k2", bytes(2)))) { // the old key retired
      Setup s = route;
      assertThat(hs.destinations().revealConfig(s.scope, s.destination).toString())
          .contains(BEARER, SIGNING_SECRET);
    }
  }

  @Test
  void plaintextRowsFromBeforeEncryptionStayReadableAndGetEncrypted() {
    try (Hookstream hs = engine(null)) {
      setUpRoute(hs);
    }
    assertThat(rawRows()).contains(SOURCE_SECRET, BEARER);
    try (Hookstream hs = engine(K1)) {
      Setup s = route;
      hs.ingest(s.source, signed(PAYLOAD));
      assertThat(hs.secrets().reencryptAll()).isEqualTo(new Reencrypted(1, 1, 0));
      assertThat(rawRows())
          .doesNotContain(SOURCE_SECRET, "tok_live", SIGNING_SECRET)
          .contains("enc:v1:k1:");
      assertThat(hs.sources().revealVerificationSecret(s.scope, s.source)).contains(SOURCE_SECRET);
    }
  }

  private Hookstream engine(SecretKeys keys) {
    JdbcStores stores = JdbcStores.builder(db).clock(clock).build();
    Hookstream.Builder b =
        Hookstream.builder()
            .store(stores.store())
            .keyValueStore(stores.keyValueStore())
            .blobStore(stores.blobStore())
            .clock(clock)
            .provider(
                HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build());
    return (keys == null ? b : b.secretKeys(keys)).build();
  }

  private record Setup(Scope scope, String source, String destination) {}

  private Setup setUpRoute(Hookstream hs) {
    var org = hs.organizations().create("secrets");
    Scope scope = hs.organizations().createEnvironment(org.id(), "test").scope();
    String source =
        hs.sources()
            .create(
                scope,
                SourceSpec.builder()
                    .name("GitHub")
                    .template("github")
                    .verificationSecret(SOURCE_SECRET)
                    .build())
            .id();
    String destination =
        hs.destinations()
            .create(
                scope,
                DestinationSpec.builder()
                    .name("receiver")
                    .url(receiver.url("/hooks"))
                    .headers(Map.of("Authorization", BEARER))
                    .signingConfig(
                        Map.of(
                            "secret",
                            SIGNING_SECRET,
                            "algorithm",
                            "sha256",
                            "header",
                            "X-Signature"))
                    .build())
            .id();
    hs.connections()
        .create(
            scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());
    route = new Setup(scope, source, destination);
    return route;
  }

  /** Every column of every source and destination row, as the database holds it. */
  private String rawRows() {
    StringBuilder all = new StringBuilder();
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      for (String table : new String[] {"hs_sources", "hs_destinations"}) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              all.append(rs.getString(i)).append('|');
            }
            all.append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return all.toString();
  }

  private static IngestRequest signed(String payload) {
    return IngestRequest.builder()
        .header("X-Hub-Signature-256", SIGNATURE)
        .body(bytes(payload))
        .build();
  }

  private static String hmacHex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(bytes(secret), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int fill) {
    byte[] key = new byte[SecretKeys.KEY_BYTES];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
