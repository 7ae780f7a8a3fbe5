package io.hookstream.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.Hookstream;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The health check against real loopback servers, and the SSRF guard in front of it. */
class HealthCheckTest {

  @RegisterExtension static final WebhookReceiver receiver = WebhookReceiver.start();

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Hookstream hs;

  @AfterEach
  void close() {
    if (hs != null) {
      hs.close();
    }
  }

  private ToolsService tools(UnaryOperator<Hookstream.Builder> options) {
    hs = ToolsFixture.engine(new InMemoryStore(), clock, options);
    return hs.tools();
  }

  private ToolsService toolsAllowingPrivate() {
    return tools(b -> b.allowPrivateNetworks(true));
  }

  @Test
  void reportsStatusLatencyHeadersAndBodyOfTheEndpoint() {
    receiver.respondWith(
        ScriptedResponse.status(202)
            .withHeader("X-Receiver", "yes")
            .withHeader("Content-Type", "application/json")
            .withBody("{\"ok\":true}"));

    HealthCheck check =
        toolsAllowingPrivate()
            .healthCheck(
                ToolRequest.builder(receiver.url("/hooks?probe=1"))
                    .method("put")
                    .header("X-Check", "42")
                    .body("ping")
                    .build());

    assertThat(check.healthy()).isTrue();
    assertThat(check.method()).isEqualTo("PUT");
    ToolResponse response = check.exchange().response().orElseThrow();
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.header("x-receiver")).contains("yes");
    assertThat(response.headers()).containsKey("content-type");
    assertThat(response.body()).isEqualTo("{\"ok\":true}");
    assertThat(response.bodyTruncated()).isFalse();
    assertThat(response.tls()).isEmpty();
    assertThat(check.exchange().latency()).isPositive().isLessThan(Duration.ofSeconds(10));
    RecordedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).get(0);
    assertThat(got.method()).isEqualTo("PUT");
    assertThat(got.path()).isEqualTo("/hooks");
    assertThat(got.query()).isEqualTo("probe=1");
    assertThat(got.header("X-Check")).isEqualTo("42");
    assertThat(got.bodyAsString()).isEqualTo("ping");
  }

  @Test
  void aServerErrorIsUnhealthyAndARefusedPortIsAnErrorNotAnException() {
    receiver.respondWith(ScriptedResponse.status(503));
    ToolsService tools = toolsAllowingPrivate();

    HealthCheck failing = tools.healthCheck(ToolRequest.builder(receiver.url()).build());
    assertThat(failing.healthy()).isFalse();
    assertThat(failing.exchange().status()).isEqualTo(503);

    HealthCheck closed = tools.healthCheck(ToolRequest.builder("http://127.0.0.1:9/").build());
    assertThat(closed.healthy()).isFalse();
    assertThat(closed.exchange().response()).isEmpty();
    assertThat(closed.exchange().error().orElseThrow()).contains("127.0.0.1:9");
  }

  @Test
  void readsABodyOnlyUpToTheBoundAndSaysItWasCut() {
    receiver.respondWith(ScriptedResponse.ok().withBody("x".repeat(200_000)));

    ToolResponse response =
        toolsAllowingPrivate()
            .healthCheck(ToolRequest.builder(receiver.url()).build())
            .exchange()
            .response()
            .orElseThrow();

    assertThat(response.body()).hasSize(ToolsService.MAX_RESPONSE_BODY_BYTES);
    assertThat(response.bodyTruncated()).isTrue();
  }

  @Test
  void aSlowEndpointTimesOutAtTheRequestsLimit() {
    receiver.respondWith(ScriptedResponse.ok().withDelay(Duration.ofSeconds(3)));

    ToolExchange exchange =
        toolsAllowingPrivate()
            .healthCheck(ToolRequest.builder(receiver.url()).timeout(Duration.ofSeconds(1)).build())
            .exchange();

    assertThat(exchange.error().orElseThrow()).contains("timed out").contains("total 1 s");
    assertThat(exchange.latency()).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void aTimeoutAboveTenSecondsIsRefused() {
    assertThatThrownBy(
            () -> ToolRequest.builder(receiver.url()).timeout(Duration.ofSeconds(11)).build())
        .satisfies(e -> assertField(e, "timeout", "from 1 to 10 seconds"));
  }

  @Test
  void aHostResolvingToLoopbackIsRefusedBeforeAnythingIsSent() {
    ToolsService tools = tools(b -> b);
    String url = "http://localhost:" + receiver.port() + "/hooks";

    assertThatThrownBy(() -> tools.healthCheck(ToolRequest.builder(url).build()))
        .satisfies(e -> assertField(e, "url", "loopback address"))
        .hasMessageContaining("refused");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void privateAndMetadataAddressesAreRefusedAndMetadataEvenWhenPrivateIsAllowed() {
    ToolsService strict = tools(b -> b);
    assertThatThrownBy(() -> strict.healthCheck(ToolRequest.builder("http://10.1.2.3/x").build()))
        .satisfies(e -> assertField(e, "url", "private address (10.0.0.0/8)"));
    assertThatThrownBy(
            () -> strict.healthCheck(ToolRequest.builder("http://[::ffff:7f00:1]/").build()))
        .satisfies(e -> assertField(e, "url", "loopback"));
    hs.close();

    ToolsService open = toolsAllowingPrivate();
    assertThatThrownBy(
            () -> open.healthCheck(ToolRequest.builder("http://169.254.169.254/latest").build()))
        .satisfies(e -> assertField(e, "url", "metadata"));
  }

  @Test
  void everyResolvedAddressIsCheckedNotOnlyTheFirst() {
    ToolsService tools =
        tools(b -> b.toolsResolver(ToolsFixture.resolvingTo("203.0.113.7", "127.0.0.1")));

    assertThatThrownBy(
            () -> tools.healthCheck(ToolRequest.builder("http://rebind.example/").build()))
        .satisfies(e -> assertField(e, "url", "127.0.0.1 (resolved from rebind.example)"));
  }

  @Test
  void theRequestGoesToTheAddressThatWasCheckedNotToALaterAnswer() {
    // A rebinding DNS server: a public address for the check, loopback for any second lookup.
    AtomicInteger lookups = new AtomicInteger();
    HostResolver rebinding =
        host ->
            ToolsFixture.addresses(
                host, lookups.getAndIncrement() == 0 ? "203.0.113.7" : "127.0.0.1");
    ToolsService tools = tools(b -> b.toolsResolver(rebinding));
    String url = "http://rebind.example:" + receiver.port() + "/";

    ToolExchange exchange =
        tools
            .healthCheck(ToolRequest.builder(url).timeout(Duration.ofSeconds(1)).build())
            .exchange();

    assertThat(lookups).hasValue(1);
    assertThat(exchange.response()).isEmpty();
    assertThat(exchange.error().orElseThrow()).contains("203.0.113.7");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void httpsReportsTheTlsSessionAndThePeerCertificate() throws Exception {
    SSLContext trusting = SelfSignedHttpsServer.trustingContext();
    try (SelfSignedHttpsServer server = new SelfSignedHttpsServer()) {
      ToolsService tools =
          tools(
              b ->
                  b.allowPrivateNetworks(true)
                      .toolsTls(trusting)
                      .toolsResolver(ToolsFixture.resolvingTo("127.0.0.1")));

      HealthCheck check =
          tools.healthCheck(
              ToolRequest.builder("https://localhost:" + server.port() + "/health").build());

      assertThat(check.healthy()).as(check.toString()).isTrue();
      ToolResponse response = check.exchange().response().orElseThrow();
      assertThat(response.body()).isEqualTo("secure");
      TlsDetails tls = response.tls().orElseThrow();
      assertThat(tls.protocol()).startsWith("TLSv1.");
      assertThat(tls.cipherSuite()).startsWith("TLS_");
      assertThat(tls.peerSubject()).contains("CN=localhost");
      assertThat(tls.peerIssuer()).isEqualTo(tls.peerSubject()); // self-signed
      assertThat(tls.peerNotAfter()).isAfter(Instant.parse("2100-01-01T00:00:00Z"));
    }
  }

  @Test
  void anUntrustedCertificateIsReportedAsATlsFailure() throws Exception {
    try (SelfSignedHttpsServer server = new SelfSignedHttpsServer()) {
      ToolsService tools =
          tools(
              b ->
                  b.allowPrivateNetworks(true)
                      .toolsResolver(ToolsFixture.resolvingTo("127.0.0.1")));

      HealthCheck check =
          tools.healthCheck(ToolRequest.builder("https://localhost:" + server.port()).build());

      assertThat(check.healthy()).isFalse();
      assertThat(check.exchange().error().orElseThrow())
          .startsWith("TLS handshake with localhost failed")
          .contains("certification path");
    }
  }

  @Test
  void aNameThatDoesNotResolveIsReported() {
    ToolsService tools =
        tools(
            b ->
                b.toolsResolver(
                    host -> {
                      throw new java.net.UnknownHostException(host);
                    }));

    ToolExchange exchange =
        tools.healthCheck(ToolRequest.builder("http://nowhere.invalid/").build()).exchange();

    assertThat(exchange.error()).contains("could not resolve host nowhere.invalid");
  }

  @Test
  void badRequestFieldsAreNamed() {
    assertThatThrownBy(() -> ToolRequest.builder("ftp://example.com/").build())
        .satisfies(e -> assertField(e, "url", "http or https"));
    assertThatThrownBy(() -> ToolRequest.builder("http://u:p@example.com/").build())
        .satisfies(e -> assertField(e, "url", "credentials"));
    assertThatThrownBy(() -> ToolRequest.builder("https://example.com").method("GE T").build())
        .satisfies(e -> assertField(e, "method", "HTTP method"));
    assertThatThrownBy(
            () -> ToolRequest.builder("https://example.com").header("Host", "internal").build())
        .satisfies(e -> assertField(e, "headers.Host", "set by hookstream"));
    assertThatThrownBy(
            () -> ToolRequest.builder("https://example.com").header("X-A", "a\r\nX-B: b").build())
        .satisfies(e -> assertField(e, "headers.X-A", "printable"));
  }

  static void assertField(Throwable e, String field, String reason) {
    assertThat(e).isInstanceOf(HookstreamException.class);
    HookstreamException he = (HookstreamException) e;
    assertThat(he.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    List<FieldError> errors = he.fieldErrors();
    assertThat(errors)
        .anySatisfy(
            f -> {
              assertThat(f.field()).isEqualTo(field);
              assertThat(f.message()).contains(reason);
            });
  }
}
