package io.hookstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.issue.Issue;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole engine over real HTTP: ingest → route → deliver → record, on the manual clock. */
class EndToEndDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension HookstreamExtension hs = HookstreamExtension.create();

  @Test
  void fansOutToThreeDestinationsWithTheirOwnFiltersAndTransforms() {
    String src = hs.source(UnaryOperator.identity()).id();
    String all = hs.receiverDestination(b -> b.name("all").url(hs.receiver().url("/all"))).id();
    String big = hs.receiverDestination(b -> b.name("big").url(hs.receiver().url("/big"))).id();
    String slack =
        hs.receiverDestination(b -> b.name("slack").url(hs.receiver().url("/slack"))).id();
    connect(src, all, null, null);
    connect(src, big, "[{\"field\":\"payload.amount\",\"op\":\"gte\",\"value\":1000}]", null);
    connect(
        src,
        slack,
        "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"order.created\"}]",
        "{\"text\": \"Order \" & id & \" for $\" & $string(amount / 100)}");

    String body = "{\"type\":\"order.created\",\"id\":\"ord_7\",\"amount\":4999}";
    String eventId = hs.send(src, body).eventId();

    hs.awaitAttempts(eventId, 3, WAIT);
    Map<String, RecordedRequest> byPath = new java.util.HashMap<>();
    hs.receiver().requests().forEach(r -> byPath.put(r.path(), r));
    assertThat(byPath.keySet()).containsExactlyInAnyOrder("/all", "/big", "/slack");
    assertThat(byPath.get("/all").bodyAsString()).isEqualTo(body);
    assertThat(byPath.get("/all").header("Content-Type")).startsWith("application/json");
    assertThat(byPath.get("/slack").bodyAsString())
        .isEqualTo("{\"text\":\"Order ord_7 for $49.99\"}");
    hs.awaitEventStatus(eventId, EventStatus.DELIVERED, WAIT);
  }

  @Test
  void signsDeliveriesSoTheReceiverCanVerifyThem() throws Exception {
    String src = hs.source(UnaryOperator.identity()).id();
    String dst = hs.receiverDestination(b -> b.signingConfig(Map.of("secret", "s3cret"))).id();
    connect(src, dst, null, null);
    String body = "{\"n\":1}";
    hs.awaitAttempts(hs.send(src, body).eventId(), 1, WAIT);

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(hs.receiver().requests().get(0).header("X-hookstream-Signature"))
        .isEqualTo(expected);
  }

  @Test
  void aGoneEndpointIsDisabledAndRaisesAnIssue() {
    hs.receiver().enqueue(ScriptedResponse.status(410));
    String src = hs.connectToReceiver().sourceId();
    String eventId = hs.send(src, "{}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(eventId, 1, WAIT).get(0);
    assertThat(attempt.statusCode()).isEqualTo(410);
    assertThat(attempt.dlq()).isTrue();
    hs.awaitEventStatus(eventId, EventStatus.FAILED, WAIT);
    hs.awaitUntil(
        "the destination disabled",
        WAIT,
        () ->
            hs.engine().destinations().require(hs.scope(), attempt.destinationId()).disabledReason()
                != null);
    hs.awaitUntil("an issue", WAIT, () -> !openIssues().isEmpty());
    assertThat(openIssues()).extracting(Issue::errorType).containsExactly("endpoint_gone");
  }

  @Test
  void aTransformErrorFailsThatDeliveryWithoutRetryAndRaisesAnIssue() {
    String src = hs.source(UnaryOperator.identity()).id();
    String dst = hs.receiverDestination(UnaryOperator.identity()).id();
    connect(src, dst, null, "$number(name) + 1");
    String eventId = hs.send(src, "{\"name\":\"not a number\"}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(eventId, 1, WAIT).get(0);
    assertThat(attempt.errorType()).isEqualTo("transform_error");
    assertThat(attempt.dlq()).isTrue();
    hs.awaitUntil("an issue", WAIT, () -> !openIssues().isEmpty());
    assertThat(openIssues()).extracting(Issue::errorType).containsExactly("transform_error");

    hs.advance(Duration.ofDays(2));
    assertThat(hs.attempts(eventId)).as("not retried").hasSize(1);
    assertThat(hs.receiver().requests()).isEmpty();
    assertThat(openIssues()).as("auto-resolved after 30 quiet minutes").isEmpty();
  }

  private void connect(String src, String dst, String rules, String transform) {
    hs.engine()
        .connections()
        .create(
            hs.scope(),
            ConnectionSpec.builder()
                .sourceId(src)
                .destinationId(dst)
                .filterRulesJson(rules)
                .transformExpression(transform)
                .build());
  }

  private List<Issue> openIssues() {
    return hs.engine().issues().list(hs.scope(), "open", null, PageRequest.first(20)).items();
  }
}
