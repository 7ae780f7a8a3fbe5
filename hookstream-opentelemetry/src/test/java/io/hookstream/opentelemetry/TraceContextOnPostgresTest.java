package io.hookstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.jdbc.JdbcStores;
import io.hookstream.tck.RecordedRequest;
import io.hookstream.tck.WebhookReceiver;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The trace context survives the durable path: stored with the event in PostgreSQL, read back by
 * the delivery's claim, and sent on by a real engine on the system clock.
 */
class TraceContextOnPostgresTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SENDER_SPAN = "00f067aa0ba902b7";

  @Test
  void theStoredTraceparentParentsTheDeliverySpan() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        WebhookReceiver receiver = WebhookReceiver.start();
        OpenTelemetrySdk otel =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build()) {
      JdbcStores stores = JdbcStores.builder(pg.getPostgresDatabase()).build();
      try (Hookstream hs =
          Hookstream.builder()
              .store(stores.store())
              .keyValueStore(stores.keyValueStore())
              .blobStore(stores.blobStore())
              .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
              .observer(HookstreamTracing.create(otel))
              .build()
              .start()) {
        var org = hs.organizations().create("acme");
        Scope scope = hs.organizations().createEnvironment(org.id(), "prod").scope();
        String src = hs.sources().create(scope, SourceSpec.builder().name("shop").build()).id();
        String dst =
            hs.destinations()
                .create(
                    scope, DestinationSpec.builder().name("rx").url(receiver.url("/in")).build())
                .id();
        hs.connections()
            .create(scope, ConnectionSpec.builder().sourceId(src).destinationId(dst).build());

        hs.ingest(
            src,
            IngestRequest.builder()
                .header("TraceParent", "00-" + TRACE_ID + "-" + SENDER_SPAN + "-01")
                .body("{}".getBytes())
                .build());

        RecordedRequest received = receiver.awaitRequests(1, Duration.ofSeconds(20)).get(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (exporter.getFinishedSpanItems().isEmpty() && System.nanoTime() < deadline) {
          LockSupport.parkNanos(5_000_000); // the span ends just after the attempt is stored
        }
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).getTraceId()).isEqualTo(TRACE_ID);
        assertThat(spans.get(0).getParentSpanId()).isEqualTo(SENDER_SPAN);
        assertThat(received.header("traceparent"))
            .startsWith("00-" + TRACE_ID + "-" + spans.get(0).getSpanId() + "-");
      }
    }
  }
}
