package io.hookstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.connection.Connection;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.ScriptedResponse;
import io.hookstream.testkit.HookstreamExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery spans against a started engine and a real HTTP receiver on loopback, exported to memory
 * by the OpenTelemetry SDK: the sender's trace continues through the gateway into the receiver.
 */
class HookstreamTracingTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String SENDER_SPAN = "b7ad6b7169203331";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();

  @RegisterExtension
  final HookstreamExtension hs =
      HookstreamExtension.create(b -> b.observer(HookstreamTracing.create(otel)));

  @AfterEach
  void closeSdk() {
    otel.close();
  }

  @Test
  void theAttemptIsAChildOfTheIncomingTraceparentAndCarriesItToTheReceiver() {
    Connection route = hs.connectToReceiver();
    String eventId =
        hs.engine()
            .ingest(
                route.sourceId(),
                IngestRequest.builder()
                    .method("POST")
                    .header("Content-Type", "application/json")
                    .header("traceparent", "00-" + TRACE_ID + "-" + SENDER_SPAN + "-01")
                    .header("tracestate", "shop=checkout")
                    .body("{\"type\":\"order.created\"}".getBytes())
                    .build())
            .eventId();

    RecordedRequest received = hs.receiver().awaitRequests(1, WAIT).get(0);
    SpanData span = awaitSpans(1).get(0);

    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(SENDER_SPAN);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getName()).isEqualTo("hookstream deliver " + route.destinationId());
    assertThat(span.getAttributes().asMap())
        .containsEntry(key(HookstreamTracing.DESTINATION_ID), route.destinationId())
        .containsEntry(key(HookstreamTracing.DESTINATION_TYPE), "http")
        .containsEntry(key(HookstreamTracing.EVENT_ID), eventId)
        .containsEntry(longKey(HookstreamTracing.ATTEMPT), 1L)
        .containsEntry(key(HookstreamTracing.OUTCOME), "success")
        .containsEntry(longKey("http.response.status_code"), 200L);
    assertThat(received.header("traceparent")).isEqualTo(traceparent(span));
    assertThat(traceparent(span)).startsWith("00-" + TRACE_ID + "-" + span.getSpanId());
    assertThat(received.header("tracestate")).isEqualTo("shop=checkout");
  }

  @Test
  void eachRetryIsASpanOfItsOwnUnderTheSameParent() {
    Connection route = hs.connectToReceiver();
    hs.receiver().enqueue(ScriptedResponse.status(503));
    String eventId =
        hs.engine()
            .ingest(
                route.sourceId(),
                IngestRequest.builder()
                    .header("traceparent", "00-" + TRACE_ID + "-" + SENDER_SPAN + "-01")
                    .body("{}".getBytes())
                    .build())
            .eventId();
    hs.awaitAttempts(eventId, 1, WAIT);
    hs.advance(Duration.ofSeconds(30));
    hs.awaitAttempts(eventId, 2, WAIT);

    List<SpanData> spans = awaitSpans(2);
    List<RecordedRequest> requests = hs.receiver().requests();
    assertThat(spans).extracting(SpanData::getTraceId).containsOnly(TRACE_ID);
    assertThat(spans).extracting(SpanData::getParentSpanId).containsOnly(SENDER_SPAN);
    assertThat(spans)
        .extracting(s -> s.getAttributes().get(longKey(HookstreamTracing.ATTEMPT)))
        .containsExactly(1L, 2L);
    assertThat(spans.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans.get(0).getAttributes().asMap())
        .containsEntry(longKey("http.response.status_code"), 503L)
        .containsEntry(key(HookstreamTracing.OUTCOME), "failure");
    assertThat(spans.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(spans.get(0).getSpanId()).isNotEqualTo(spans.get(1).getSpanId());
    assertThat(requests)
        .extracting(r -> r.header("traceparent"))
        .containsExactly(traceparent(spans.get(0)), traceparent(spans.get(1)));
  }

  @Test
  void anEventWithoutTraceparentStartsANewTrace() {
    Connection route = hs.connectToReceiver();
    hs.send(route.sourceId(), "{}");

    RecordedRequest received = hs.receiver().awaitRequests(1, WAIT).get(0);
    SpanData span = awaitSpans(1).get(0);

    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID).hasSize(32);
    assertThat(received.header("traceparent")).isEqualTo(traceparent(span));
    assertThat(received.header("tracestate")).isNull();
  }

  /** Spans end after the attempt is recorded, a moment after the receiver answered. */
  private List<SpanData> awaitSpans(int count) {
    hs.awaitUntil(count + " spans", WAIT, () -> exporter.getFinishedSpanItems().size() >= count);
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(count);
    return spans.stream()
        .sorted(
            Comparator.comparing(s -> s.getAttributes().get(longKey(HookstreamTracing.ATTEMPT))))
        .toList();
  }

  /** The W3C header of {@code span}'s context, as the receiver should get it. */
  private static String traceparent(SpanData span) {
    return "00-"
        + span.getTraceId()
        + "-"
        + span.getSpanId()
        + "-"
        + span.getSpanContext().getTraceFlags().asHex();
  }

  private static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  private static AttributeKey<Long> longKey(String name) {
    return AttributeKey.longKey(name);
  }
}
