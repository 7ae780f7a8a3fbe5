package io.hookstream.tools;

import static io.hookstream.tools.HealthCheckTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.Hookstream;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The idempotency test against a real loopback receiver that answers as it is told. */
class IdempotencyTestTest {

  @RegisterExtension static final WebhookReceiver receiver = WebhookReceiver.start();

  private Hookstream hs;
  private ToolsService tools;

  @BeforeEach
  void engine() {
    hs =
        ToolsFixture.engine(
            new InMemoryStore(), new ManualClock(), b -> b.allowPrivateNetworks(true));
    tools = hs.tools();
  }

  @AfterEach
  void close() {
    hs.close();
  }

  private ToolRequest order() {
    return ToolRequest.builder(receiver.url("/orders")).body("{\"id\":\"ord_1\"}").build();
  }

  @Test
  void sendsTheSameRequestWithOneKeyAndFindsIdenticalAnswersIdempotent() {
    receiver.respondWith(ScriptedResponse.ok().withBody("{\"order\":\"ord_1\"}"));

    IdempotencyTest test = tools.idempotencyTest(order(), 3, "Idempotency-Key", "order_1_create");

    assertThat(test.idempotent()).isTrue();
    assertThat(test.totalRequests()).isEqualTo(3);
    assertThat(test.uniqueResponses()).isEqualTo(1);
    assertThat(test.attempts())
        .extracting(IdempotencyAttempt::attempt, IdempotencyAttempt::duplicate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, false),
            org.assertj.core.groups.Tuple.tuple(2, true),
            org.assertj.core.groups.Tuple.tuple(3, true));
    List<RecordedRequest> got = receiver.awaitRequests(3, Duration.ofSeconds(5));
    assertThat(got).hasSize(3);
    assertThat(got)
        .allSatisfy(
            r -> {
              assertThat(r.header("Idempotency-Key")).isEqualTo("order_1_create");
              assertThat(r.bodyAsString()).isEqualTo("{\"id\":\"ord_1\"}");
            });
  }

  @Test
  void aDifferentStatusClassOnARepeatIsNotIdempotent() {
    receiver.enqueue(
        ScriptedResponse.status(201).withBody("{}"), ScriptedResponse.status(409).withBody("{}"));
    receiver.respondWith(ScriptedResponse.status(409).withBody("{}"));

    IdempotencyTest test = tools.idempotencyTest(order(), 2, null, null);

    assertThat(test.idempotent()).isFalse();
    assertThat(test.attempts()).extracting(a -> a.exchange().status()).containsExactly(201, 409);
    assertThat(test.attempts().get(1).duplicate()).isFalse();
    assertThat(test.idempotencyHeader()).isEqualTo("Idempotency-Key");
    assertThat(test.idempotencyKey()).startsWith("idem_");
    assertThat(receiver.requests().get(1).header("Idempotency-Key"))
        .isEqualTo(test.idempotencyKey());
  }

  @Test
  void aDifferentBodyOnARepeatIsNotIdempotentEvenWithTheSameStatus() {
    receiver.enqueue(
        ScriptedResponse.ok().withBody("{\"created\":true}"),
        ScriptedResponse.ok().withBody("{\"created\":false}"));

    IdempotencyTest test = tools.idempotencyTest(order(), 2, "X-Key", "k1");

    assertThat(test.idempotent()).isFalse();
    assertThat(test.uniqueResponses()).isEqualTo(2);
    assertThat(receiver.requests().get(0).header("X-Key")).isEqualTo("k1");
  }

  @Test
  void theSameClassAndBodyWithDifferentCodesIsIdempotentButCountsTwoAnswers() {
    receiver.enqueue(
        ScriptedResponse.status(201).withBody("{\"id\":1}"),
        ScriptedResponse.status(200).withBody("{\"id\":1}"));

    IdempotencyTest test = tools.idempotencyTest(order(), 2, null, "k");

    assertThat(test.idempotent()).isTrue();
    assertThat(test.uniqueResponses()).isEqualTo(2);
    assertThat(test.attempts().get(1).duplicate()).isFalse();
  }

  @Test
  void aRequestWithoutAnswerMakesTheEndpointNotIdempotent() {
    receiver.enqueue(ScriptedResponse.ok(), ScriptedResponse.closeConnection());

    IdempotencyTest test = tools.idempotencyTest(order(), 2, null, "k");

    assertThat(test.idempotent()).isFalse();
    assertThat(test.attempts().get(1).exchange().error()).isPresent();
  }

  @Test
  void countKeyAndHeaderAreCheckedAndAPrivateAddressRefused() {
    assertThatThrownBy(() -> tools.idempotencyTest(order(), 1, null, null))
        .satisfies(e -> assertField(e, "count", "between 2 and 10"));
    assertThatThrownBy(() -> tools.idempotencyTest(order(), 11, null, null))
        .satisfies(e -> assertField(e, "count", "between 2 and 10"));
    assertThatThrownBy(() -> tools.idempotencyTest(order(), 2, "Bad Header", null))
        .satisfies(e -> assertField(e, "idempotency_header", "header name"));
    assertThatThrownBy(() -> tools.idempotencyTest(order(), 2, null, "two words"))
        .satisfies(e -> assertField(e, "idempotency_value", "visible ASCII"));

    Hookstream strict = ToolsFixture.engine(new InMemoryStore(), new ManualClock(), b -> b);
    try {
      assertThatThrownBy(() -> strict.tools().idempotencyTest(order(), 2, null, null))
          .satisfies(e -> assertField(e, "url", "loopback"));
    } finally {
      strict.close();
    }
    assertThat(receiver.requests()).isEmpty();
  }
}
