package io.hookstream.providers.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.hookstream.Hookstream;
import io.hookstream.alert.AlertRuleSpec;
import io.hookstream.alert.NotificationChannel;
import io.hookstream.alert.NotificationChannelSpec;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.Notification;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email channels against a real SMTP server (GreenMail) in the test. */
class EmailAlertsTest {

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                  .withUser("hookstream", "s3cret"));

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:01:00Z"));

  @Test
  void aDlqRuleMailsItsAlertThroughTheHostsSmtpServer() throws Exception {
    try (Hookstream hs = engine(sender(SMTP.getSmtp().getPort(), "s3cret"))) {
      Scope scope = scope(hs);
      NotificationChannel email =
          hs.notificationChannels()
              .create(
                  scope,
                  NotificationChannelSpec.builder()
                      .name("on-call")
                      .type("email")
                      .config(Map.of("to", List.of("ops@example.com", "Dev <dev@example.com>")))
                      .build());
      hs.alertRules()
          .create(
              scope,
              AlertRuleSpec.builder()
                  .name("Dead letters")
                  .ruleType("dlq")
                  .channelIds(List.of(email.id()))
                  .build());
      String source = hs.sources().create(scope, SourceSpec.builder().name("in").build()).id();
      String destination =
          hs.destinations()
              .create(scope, DestinationSpec.builder().name("gone").url("https://x.test/").build())
              .id();
      hs.connections()
          .create(
              scope, ConnectionSpec.builder().sourceId(source).destinationId(destination).build());

      hs.ingest(source, IngestRequest.json("{}"));
      waitFor(
          () -> {
            hs.runDueDeliveries();
            return !hs.deliveries()
                .attempts(
                    scope,
                    io.hookstream.delivery.AttemptQuery.builder().dlq(true).build(),
                    io.hookstream.page.PageRequest.first(1))
                .items()
                .isEmpty();
          });
      clock.advance(Duration.ofMinutes(5));
      hs.runDueJobs();
      hs.runDueDeliveries();

      // GreenMail's waitForIncomingEmail counts only mail arriving after the call; the engine's
      // own delivery thread may have sent it already.
      waitFor(() -> SMTP.getReceivedMessages().length == 2);
      MimeMessage[] got = SMTP.getReceivedMessages();
      assertThat(got).extracting(m -> m.getAllRecipients()[0].toString()).isNotEmpty();
      assertThat(got[0].getSubject()).isEqualTo("[hookstream] Alert: Dead letters");
      assertThat(got[0].getFrom()[0].toString()).isEqualTo("hookstream@example.com");
      assertThat(GreenMailUtil.getBody(got[0]))
          .contains("1 events dead-lettered")
          .contains("\"type\":\"alert.triggered\"");
    }
  }

  @Test
  void recipientsAreCheckedWhenTheChannelIsWritten() {
    try (Hookstream hs = engine(sender(SMTP.getSmtp().getPort(), "s3cret"))) {
      Scope scope = scope(hs);
      assertThatThrownBy(
              () ->
                  hs.notificationChannels()
                      .create(
                          scope,
                          NotificationChannelSpec.builder()
                              .name("bad")
                              .type("email")
                              .config(Map.of("to", List.of("ops@example.com", "not an address")))
                              .build()))
          .isInstanceOfSatisfying(
              HookstreamException.class,
              e ->
                  assertThat(e.fieldErrors())
                      .extracting(FieldError::field)
                      .containsExactly("config.to.1"));
    }
  }

  @Test
  void anUnreachableServerIsRetriedAndRefusedCredentialsAreNot() throws Exception {
    Notification n =
        new Notification("ntf_1", "test", "hookstream test notification", "hi", null, clock.now());
    Map<String, Object> config = Map.of("to", "ops@example.com");
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    var down = sender(closed, "s3cret").send(n, config, Duration.ofSeconds(5));
    assertThat(down.success()).isFalse();
    assertThat(down.retryable()).isTrue();
    var refused = sender(SMTP.getSmtp().getPort(), "wrong").send(n, config, Duration.ofSeconds(5));
    assertThat(refused.success()).isFalse();
    assertThat(refused.failureKind()).isEqualTo(DestinationProvider.FailureKind.AUTH);
    assertThat(refused.retryable()).isFalse();
  }

  private static SmtpNotificationSender sender(int port, String password) {
    return SmtpNotificationSender.builder()
        .host("127.0.0.1")
        .port(port)
        .from("hookstream@example.com")
        .credentials("hookstream", password)
        .build();
  }

  private Hookstream engine(SmtpNotificationSender sender) {
    return Hookstream.builder()
        .store(new InMemoryStore())
        .keyValueStore(new InMemoryKeyValueStore(clock))
        .blobStore(new InMemoryBlobStore())
        .clock(clock)
        .provider(new RefusingProvider())
        .notificationSender(sender)
        .build()
        .start();
  }

  private static Scope scope(Hookstream hs) {
    var org = hs.organizations().create("Acme");
    return hs.organizations().createEnvironment(org.id(), "production").scope();
  }

  private static void waitFor(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
  }

  /** An "http" type whose receiver refuses everything with a 400: dead-lettered at once. */
  private static final class RefusingProvider implements DestinationProvider {
    @Override
    public String type() {
      return "http";
    }

    @Override
    public List<FieldError> validate(Map<String, Object> config) {
      return List.of();
    }

    @Override
    public Map<String, Object> mask(Map<String, Object> config) {
      return config;
    }

    @Override
    public DeliveryResult deliver(DeliveryRequest request) {
      return new DeliveryResult.Failed(
          FailureKind.HTTP_4XX, "answered 400", false, null, 400, 3, null, null, null);
    }
  }
}
