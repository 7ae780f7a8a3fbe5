package io.hookstream.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.ErrorTypes;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.testkit.HookstreamExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** aws_sqs against an embedded ElasticMQ; failures run through the real engine. */
class SqsDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ElasticMq sqs;

  private final AwsDestinationProvider provider =
      AwsProviders.builder().allowPrivateNetworks(true).build().sqs();

  private final AtomicInteger destinations = new AtomicInteger();

  @RegisterExtension
  final HookstreamExtension hs = HookstreamExtension.create(b -> b.provider(provider));

  @BeforeAll
  static void startServer() {
    sqs = ElasticMq.start();
  }

  @AfterAll
  static void stopServer() {
    sqs.close();
  }

  private static Map<String, Object> config(String queueUrl) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("queue_url", queueUrl);
    config.put("region", ElasticMq.REGION);
    config.put("access_key_id", "AKIAHOOKSTREAMSQS001");
    config.put("secret_access_key", "sqs-secret-access-key-7c1e");
    return config;
  }

  private static Map<String, String> attributes(Message m) {
    return m.messageAttributes().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stringValue()));
  }

  @Test
  void sendsTheBodyWithTheHookstreamAttributes() {
    String queue = sqs.createQueue("orders");

    DeliveryResult result =
        provider.deliver(Requests.json(config(queue), "{\"order\":42}").build());

    assertThat(result.success()).as(result.error()).isTrue();
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.responseBody()).startsWith("MessageId=");
    List<Message> got = sqs.receive(queue);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).body()).isEqualTo("{\"order\":42}");
    assertThat(attributes(got.get(0)))
        .containsEntry("hookstream-event-id", Requests.EVENT_ID)
        .containsEntry("hookstream-destination-id", Requests.DESTINATION_ID)
        .containsEntry("hookstream-source-id", Requests.SOURCE_ID)
        .containsEntry("hookstream-received-at", "2026-03-01T12:00:00Z")
        .containsEntry("hookstream-attempt", "1")
        .containsEntry("content-type", "application/json");
    assertThat(result.requestHeaders()).containsKey("hookstream-event-id");
  }

  @Test
  void fifoMessagesCarryTheGroupAndADeduplicationIdStableAcrossRetries() {
    String queue = sqs.createQueue("orders.fifo");
    Map<String, Object> config = config(queue);
    config.put("message_group_id", "tenant-7");

    DeliveryResult first = provider.deliver(Requests.json(config, "{\"n\":1}").build());
    DeliveryResult retry =
        provider.deliver(Requests.json(config, "{\"n\":1}").attemptNumber(2).build());

    assertThat(first.success()).as(first.error()).isTrue();
    assertThat(retry.success()).as(retry.error()).isTrue();
    List<Message> got = sqs.receive(queue);
    assertThat(got).as("the retry is deduplicated by SQS").hasSize(1);
    assertThat(got.get(0).attributes())
        .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "tenant-7")
        .containsEntry(
            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
            Requests.EVENT_ID + ":" + Requests.DESTINATION_ID);
  }

  @Test
  void aBinaryBodyIsSentAsBase64AndSaysSo() {
    String queue = sqs.createQueue("binary");
    byte[] body = {0, 1, 2, (byte) 0xff, (byte) 0xfe};

    DeliveryResult result =
        provider.deliver(
            Requests.json(config(queue), "")
                .body(body)
                .contentType("application/octet-stream")
                .build());

    assertThat(result.success()).as(result.error()).isTrue();
    Message got = sqs.receive(queue).get(0);
    assertThat(Base64.getDecoder().decode(got.body())).isEqualTo(body);
    assertThat(attributes(got)).containsEntry("hookstream-body-encoding", "base64");
  }

  @Test
  void aMessageOverTheSizeLimitIsRefusedBeforeSendingAndNotRetried() {
    String queue = sqs.createQueue("big");
    String big = "\"" + "x".repeat(1024 * 1024) + "\"";

    DeliveryResult result = provider.deliver(Requests.json(config(queue), big).build());

    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.TOO_LARGE);
    assertThat(result.retryable()).isFalse();
    assertThat(sqs.receive(queue)).isEmpty();
  }

  @Test
  void aMissingQueueGoesToTheDeadLetterQueueAtOnce() {
    String src = connect(config(sqs.endpoint() + "/000000000000/no-such-queue"));
    String evt = hs.send(src, "{\"a\":1}").eventId();

    DeliveryAttempt attempt = hs.awaitAttempts(evt, 1, WAIT).get(0);

    assertThat(attempt.errorType()).isEqualTo(ErrorTypes.NOT_FOUND);
    assertThat(attempt.dlq()).isTrue();
    assertThat(attempt.nextRetryAt()).isNull();
    assertThat(attempt.error()).startsWith("QueueDoesNotExist");
  }

  @Test
  void anUnreachableQueueIsRetriedAndDeliveredOnceItAnswers() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String queue = sqs.createQueue("later");
    Map<String, Object> config = config(queue);
    config.put("endpoint", "http://127.0.0.1:" + port);
    Destination d =
        hs.engine()
            .destinations()
            .create(
                hs.scope(),
                DestinationSpec.builder().name("queue").type("sqs").config(config).build());
    String src = hs.source(s -> s).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    String evt = hs.send(src, "{\"a\":1}").eventId();

    DeliveryAttempt first = hs.awaitAttempts(evt, 1, WAIT).get(0);
    assertThat(first.errorType()).isEqualTo(ErrorTypes.NETWORK);
    assertThat(first.nextRetryAt()).isEqualTo(first.attemptedAt().plusSeconds(30));

    // The user fixes the endpoint; the update closes the old client.
    assertThat(provider.openClients()).isEqualTo(1);
    Map<String, Object> fixed = config(queue);
    hs.engine().destinations().update(hs.scope(), d.id(), b -> b.config(fixed));
    assertThat(provider.openClients()).isZero();
    hs.advance(Duration.ofSeconds(30));

    DeliveryAttempt second = hs.awaitAttempts(evt, 2, WAIT).get(1);
    assertThat(second.status()).isEqualTo("success");
    assertThat(sqs.receive(queue)).extracting(Message::body).containsExactly("{\"a\":1}");
  }

  @Test
  void theEngineDeliversTheSourcesEventWithItsContext() {
    String queue = sqs.createQueue("context");
    String src = connect(config(queue));

    String evt = hs.send(src, "{\"ok\":true}").eventId();

    assertThat(hs.awaitAttempts(evt, 1, WAIT).get(0).status()).isEqualTo("success");
    Message got = sqs.receive(queue).get(0);
    assertThat(got.body()).isEqualTo("{\"ok\":true}");
    assertThat(attributes(got))
        .containsEntry("hookstream-event-id", evt)
        .containsEntry("hookstream-source-id", src)
        .containsEntry("hookstream-received-at", hs.event(evt).receivedAt().toString());
  }

  @Test
  void throttlingIsRetriedAndAWrongSecretIsNotOnASignatureCheckingServer() throws IOException {
    // ElasticMQ neither throttles nor checks signatures: an SQS-speaking stub that does.
    try (SigV4Stub stub = SigV4Stub.start("sqs")) {
      Map<String, Object> config = config(stub.endpoint() + "/000000000000/orders");
      config.put("access_key_id", SigV4Stub.KEY_ID);
      config.put("secret_access_key", SigV4Stub.SECRET);
      stub.enqueue(
          400,
          "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\","
              + "\"message\":\"Rate exceeded\"}");
      String throttledSrc = connect(config);
      String throttled = hs.send(throttledSrc, "{}").eventId();
      Map<String, Object> wrong = new LinkedHashMap<>(config);
      wrong.put("secret_access_key", "wrong-secret-000000000000");
      String refused = hs.send(connect(wrong), "{}").eventId();

      DeliveryAttempt slowDown = hs.awaitAttempts(throttled, 1, WAIT).get(0);
      DeliveryAttempt badKey = hs.awaitAttempts(refused, 1, WAIT).get(0);

      assertThat(stub.received().get(0).target()).isEqualTo("AmazonSQS.SendMessage");
      assertThat(slowDown.errorType()).isEqualTo(ErrorTypes.THROTTLED);
      assertThat(slowDown.nextRetryAt()).isEqualTo(slowDown.attemptedAt().plusSeconds(30));
      assertThat(badKey.errorType()).isEqualTo(ErrorTypes.AUTH_FAILED);
      assertThat(badKey.dlq()).isTrue();
    }
  }

  private String connect(Map<String, Object> config) {
    Destination d =
        hs.engine()
            .destinations()
            .create(
                hs.scope(),
                DestinationSpec.builder()
                    .name("queue " + destinations.incrementAndGet())
                    .type("aws_sqs")
                    .config(config)
                    .build());
    String src = hs.source(s -> s.name("source " + destinations.get())).id();
    hs.engine()
        .connections()
        .create(hs.scope(), ConnectionSpec.builder().sourceId(src).destinationId(d.id()).build());
    return src;
  }
}
