package io.hookstream.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's --smtp-* flags: an email channel's test notification reaches a real SMTP server. */
class StandaloneEmailTest {

  private static final String KEY = "hs_test_" + "e".repeat(64);

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts", "pw"));

  @Test
  void anEmailChannelSendsThroughTheConfiguredServer() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            new String[] {
              "--in-memory",
              "--port",
              "0",
              "--host",
              "127.0.0.1",
              "--smtp-host",
              "127.0.0.1",
              "--smtp-port",
              String.valueOf(SMTP.getSmtp().getPort()),
              "--smtp-from",
              "Alerts <alerts@example.com>"
            },
            Map.of(
                "HOOKSTREAM_API_KEY", KEY,
                "HOOKSTREAM_SMTP_USER", "alerts",
                "HOOKSTREAM_SMTP_PASSWORD", "pw"));
    try (StandaloneServer server =
        StandaloneServer.start(
            options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      ServerApi api = new ServerApi(KEY);
      JsonNode channel =
          api.send(
              server.url(),
              "POST",
              "/v1/notification-channels",
              "{\"name\":\"On call\",\"channel_type\":\"email\",\"config\":{\"to\":\"ops@example.com\"}}");
      JsonNode tested =
          api.send(
              server.url(),
              "POST",
              "/v1/notification-channels/" + channel.path("id").asText() + "/test",
              "{}");
      assertThat(tested.path("success").asBoolean()).as(tested.toString()).isTrue();
      assertThat(SMTP.getReceivedMessages())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.getSubject()).isEqualTo("[hookstream] hookstream test notification");
                assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
              });
    }
  }

  @Test
  void smtpFlagsAreCheckedTogether() {
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--smtp-host", "mail"}, Map.of()))
        .hasMessageContaining("--smtp-from");
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--smtp-port", "25"}, Map.of()))
        .hasMessageContaining("--smtp-host");
    assertThatThrownBy(
            () ->
                ServerOptions.parse(
                    new String[] {"--smtp-host", "mail", "--smtp-from", "not an address"},
                    Map.of()))
        .hasMessageContaining("--smtp-from");
    assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--smtp-port", "x"}, Map.of()))
        .hasMessageContaining("--smtp-port");
  }
}
