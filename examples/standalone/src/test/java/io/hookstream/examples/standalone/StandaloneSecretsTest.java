package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.secret.Reencrypted;
import io.hookstream.secret.SecretKeys;
import io.hookstream.tck.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in the standalone server as an operator meets them: the key file made on first start
 * (owner-only, announced once), masked REST reads, H2 files without the secrets in them, a wrong
 * {@code HOOKSTREAM_SECRET_KEY} refused at start, and a rotation with {@code --reencrypt-secrets}.
 */
class StandaloneSecretsTest {

  private static final String SECRET = "whsec_abc123def456ghi789";
  private static final String BEARER = "Bearer tok_9f2c4e1a7b3d";

  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path data;

  @Test
  void firstStartMakesAnOwnerOnlyKeyFileAndSecretsStayOutOfTheFiles() throws Exception {
    ServerOptions options = options(Map.of());
    String printed;
    String sourceId;
    String key;
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (StandaloneServer server = StandaloneServer.start(options, print(out))) {
        printed = out.toString(StandardCharsets.UTF_8);
        key = server.newApiKey().orElseThrow();
        JsonNode source = createSource(server, key);
        sourceId = source.path("id").asText();
        assertThat(source.path("verification_secret").asText()).isEqualTo("****i789");
        JsonNode dst =
            call(
                server.url(),
                "POST",
                "/v1/destinations",
                key,
                "{\"name\":\"R\","
                    + "\"url\":\""
                    + receiver.url("/r")
                    + "\",\"headers\":{\"Authorization\":\""
                    + BEARER
                    + "\"}}");
        assertThat(
                call(server.url(), "GET", "/v1/destinations/" + dst.path("id").asText(), key, null)
                    .toString())
            .doesNotContain("tok_9f2c")
            .contains("****7b3d");
      }
    }
    Path keyFile = data.resolve("secret.key");
    assertThat(printed).containsOnlyOnce("generated secret key file " + keyFile);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    String keyText = Files.readString(keyFile);
    assertThat(rawRows()).doesNotContain(SECRET, "tok_9f2c").contains("enc:v1:");

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (StandaloneServer server = StandaloneServer.start(options, print(again))) {
      assertThat(again.toString(StandardCharsets.UTF_8)).doesNotContain("secret key file");
      assertThat(
              call(server.url(), "GET", "/v1/sources/" + sourceId, key, null)
                  .path("verification_secret")
                  .asText())
          .isEqualTo("****i789");
    }
    assertThat(Files.readString(keyFile)).isEqualTo(keyText);
  }

  @Test
  void aWrongKeyIsRefusedAtStartAndARotationMovesEveryRowToTheNewKey() throws Exception {
    String oldKey = SecretKeys.newKey();
    String newKey = SecretKeys.newKey();
    try (StandaloneServer server =
        StandaloneServer.start(
            options(Map.of("HOOKSTREAM_SECRET_KEY", oldKey)), print(new ByteArrayOutputStream()))) {
      createSource(server, server.newApiKey().orElseThrow());
    }
    String before = rawRows();
    String oldId = SecretKeys.parse(oldKey).primaryId();
    assertThat(before).contains("enc:v1:" + oldId + ":");

    assertThatThrownBy(
            () ->
                StandaloneServer.start(
                    options(Map.of("HOOKSTREAM_SECRET_KEY", oldId + ":" + newKey)),
                    print(new ByteArrayOutputStream())))
        .hasMessageContaining("secret key '" + oldId + "' does not decrypt");
    assertThat(rawRows()).isEqualTo(before);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServerOptions rotate =
        ServerOptions.parse(
            new String[] {"--data", data.toString(), "--reencrypt-secrets"},
            Map.of("HOOKSTREAM_SECRET_KEY", "k2:" + newKey + "," + oldKey));
    assertThat(StandaloneServer.reencryptSecrets(rotate, print(out)))
        .isEqualTo(new Reencrypted(1, 0, 0));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("re-encrypted under key k2: 1 sources, 0 destinations");
    assertThat(rawRows()).contains("enc:v1:k2:").doesNotContain("enc:v1:" + oldId);

    try (StandaloneServer server =
        StandaloneServer.start(
            options(Map.of("HOOKSTREAM_SECRET_KEY", "k2:" + newKey)),
            print(new ByteArrayOutputStream()))) {
      assertThat(server.engine().secrets().primaryKeyId()).contains("k2");
    }
  }

  private ServerOptions options(Map<String, String> env) throws Exception {
    return ServerOptions.parse(
        new String[] {
          "--port",
          "0",
          "--host",
          "127.0.0.1",
          "--data",
          data.toString(),
          "--allow-private-networks"
        },
        env);
  }

  private JsonNode createSource(StandaloneServer server, String key) throws Exception {
    return call(
        server.url(),
        "POST",
        "/v1/sources",
        key,
        "{\"name\":\"Stripe\","
            + "\"verification_type\":\"hmac_sha256\",\"verification_secret\":\""
            + SECRET
            + "\","
            + "\"verification_header\":\"stripe-signature\"}");
  }

  /** Every column of every source and destination row in the server's H2 files. */
  private String rawRows() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + data.toAbsolutePath().resolve("hookstream"), "", "");
        Statement st = c.createStatement()) {
      for (String table : new String[] {"hs_sources", "hs_destinations"}) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              all.append(rs.getString(i)).append('|');
            }
          }
        }
      }
    }
    return all.toString();
  }

  private static PrintStream print(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  private JsonNode call(URI base, String method, String path, String key, String json)
      throws Exception {
    return ApiCalls.call(client, base, method, path, key, json);
  }
}
