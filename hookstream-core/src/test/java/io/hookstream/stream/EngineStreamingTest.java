package io.hookstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.Hookstream;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.InProcessChannelBus;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineStreamingTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T14:30:00Z"));
  private final Hookstream hs =
      Hookstream.builder()
          .store(new InMemoryStore())
          .keyValueStore(new InMemoryKeyValueStore(clock))
          .blobStore(new InMemoryBlobStore())
          .clock(clock)
          .build()
          .start();

  @AfterEach
  void close() {
    hs.close();
  }

  private Scope newScope() {
    var org = hs.organizations().create("Acme");
    return hs.organizations().createEnvironment(org.id(), "production").scope();
  }

  private String newSource(Scope scope) {
    return hs.sources()
        .create(scope, io.hookstream.source.SourceSpec.builder().name("Orders").build())
        .id();
  }

  @Test
  void anEventPublishedToATopicStreamsOnTheEventsChannelWithItsTopic() throws Exception {
    Scope acme = newScope();
    var topic =
        hs.topics().create(acme, io.hookstream.topic.TopicSpec.builder().name("Orders").build());
    CollectingSink all = new CollectingSink();
    CollectingSink byTopic = new CollectingSink();
    hs.streams().open(acme.orgId(), all, 100).subscribe("events");
    hs.streams().open(acme.orgId(), byTopic, 100).subscribe(StreamChannels.events(topic.id()));

    String id = hs.topics().publish(acme, "orders", "{\"a\":1}").eventId();

    for (CollectingSink sink : List.of(all, byTopic)) {
      JsonNode data = sink.next().get("data");
      assertThat(data.get("id").asText()).isEqualTo(id);
      assertThat(data.get("topic_id").asText()).isEqualTo(topic.id());
      assertThat(data.get("source_id").isNull()).isTrue();
    }
  }

  @Test
  void anIngestedEventReachesSubscribersOfItsOrgOnBothChannels() throws Exception {
    Scope acme = newScope();
    Scope other = newScope();
    String src = newSource(acme);
    String otherSrc = newSource(other);
    CollectingSink all = new CollectingSink();
    CollectingSink bySource = new CollectingSink();
    CollectingSink foreign = new CollectingSink();
    hs.streams().open(acme.orgId(), all, 100).subscribe("events");
    hs.streams().open(acme.orgId(), bySource, 100).subscribe(StreamChannels.events(src));
    hs.streams().open(other.orgId(), foreign, 100).subscribe("events");

    String id = hs.ingest(src, IngestRequest.json("{\"a\":1}")).eventId();

    JsonNode f = all.next();
    assertThat(f.get("type").asText()).isEqualTo("event");
    assertThat(f.get("channel").asText()).isEqualTo("events");
    JsonNode data = f.get("data");
    assertThat(data.get("id").asText()).isEqualTo(id);
    assertThat(data.get("source_id").asText()).isEqualTo(src);
    assertThat(data.get("method").asText()).isEqualTo("POST");
    assertThat(data.get("content_type").asText()).isEqualTo("application/json");
    assertThat(data.get("status").asText()).isEqualTo("received");
    assertThat(data.get("received_at").asText()).isEqualTo("2026-03-01T14:30:00Z");
    JsonNode g = bySource.next();
    assertThat(g.get("channel").asText()).isEqualTo("events:" + src);
    assertThat(g.get("data")).isEqualTo(data);

    // The other org's subscriber sees its own event and never acme's.
    String otherId = hs.ingest(otherSrc, IngestRequest.json("{}")).eventId();
    assertThat(foreign.next().get("data").get("id").asText()).isEqualTo(otherId);
    assertThat(foreign.poll(100)).isNull();
  }

  @Test
  void unsubscribingStopsMessages() throws Exception {
    Scope acme = newScope();
    String src = newSource(acme);
    CollectingSink sink = new CollectingSink();
    StreamSubscription s = hs.streams().open(acme.orgId(), sink, 100);
    s.subscribe("events");
    s.subscribe("issues");
    hs.ingest(src, IngestRequest.json("{}"));
    assertThat(sink.next().get("type").asText()).isEqualTo("event");
    assertThat(s.unsubscribe("events")).isTrue();
    hs.ingest(src, IngestRequest.json("{}"));
    // A later message on a still-subscribed channel proves the event was not sent.
    hs.streams().issueChanged(issue(acme.orgId()));
    assertThat(sink.next().get("type").asText()).isEqualTo("issue");
  }

  @Test
  void deliveryAndIssueMessagesGoToTheirChannels() throws Exception {
    Scope acme = newScope();
    CollectingSink deliveries = new CollectingSink();
    CollectingSink oneDestination = new CollectingSink();
    CollectingSink issues = new CollectingSink();
    hs.streams().open(acme.orgId(), deliveries, 10).subscribe("deliveries");
    hs.streams().open(acme.orgId(), oneDestination, 10).subscribe("deliveries:dst_1");
    hs.streams().open(acme.orgId(), issues, 10).subscribe("issues");
    Instant at = clock.now();
    hs.streams()
        .deliveryAttempted(
            new AttemptRecord(
                "da_1",
                acme.orgId(),
                acme.envId(),
                "evt_1",
                "conn_1",
                "dst_1",
                "task_1",
                2,
                "failed",
                503,
                12L,
                Map.of(),
                Map.of(),
                "busy",
                "Destination returned 503",
                "http_5xx",
                false,
                null,
                at.plusSeconds(300),
                at));
    hs.streams().issueChanged(issue(acme.orgId()));

    JsonNode d = deliveries.next();
    assertThat(d.get("type").asText()).isEqualTo("delivery");
    assertThat(d.get("data").get("id").asText()).isEqualTo("da_1");
    assertThat(d.get("data").get("status_code").asInt()).isEqualTo(503);
    assertThat(d.get("data").get("attempt_number").asInt()).isEqualTo(2);
    assertThat(d.get("data").get("next_retry_at").asText()).isEqualTo("2026-03-01T14:35:00Z");
    assertThat(oneDestination.next().get("channel").asText()).isEqualTo("deliveries:dst_1");
    JsonNode i = issues.next();
    assertThat(i.get("type").asText()).isEqualTo("issue");
    assertThat(i.get("data").get("error_type").asText()).isEqualTo("http_5xx");
    assertThat(i.get("data").get("occurrence_count").asLong()).isEqualTo(3);
  }

  @Test
  void testSessionMessagesArriveOnChannelTestOnlyForThatSession() throws Exception {
    CollectingSink mine = new CollectingSink();
    CollectingSink theirs = new CollectingSink();
    hs.streams().openTestSession("abc", mine, 10);
    hs.streams().openTestSession("xyz", theirs, 10);
    hs.streams().testSessionMessage("abc", "event", "{\"id\":\"evt_001\"}");
    JsonNode f = mine.next();
    assertThat(f.get("channel").asText()).isEqualTo("test");
    assertThat(f.get("data").get("id").asText()).isEqualTo("evt_001");
    assertThat(theirs.poll(100)).isNull();
  }

  @Test
  void websocketDestinationValidatesItsChannelName() {
    Scope acme = newScope();
    var ws = (WebSocketDestinationProvider) hs.providers().get("websocket");
    assertThat(ws.validate(Map.of("channel_name", "Live-Orders.v1_x"))).isEmpty();
    assertThat(ws.validate(Map.of()))
        .extracting(FieldError::toString)
        .containsExactly("channel_name: is required");
    assertThat(ws.validate(Map.of("channel_name", 7)))
        .extracting(FieldError::field)
        .containsExactly("channel_name");
    assertThat(ws.validate(Map.of("channel_name", "live orders")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("^[a-z0-9._-]+$"));
    assertThat(ws.validate(Map.of("channel_name", "Events")))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("reserved"));

    assertThatThrownBy(
            () ->
                hs.destinations()
                    .create(
                        acme,
                        DestinationSpec.builder()
                            .name("Live")
                            .type("websocket")
                            .config(Map.of("channel_name", "a:b"))
                            .build()))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .containsExactly("config.channel_name"));
  }

  @Test
  void websocketDestinationPublishesEventDeliveredWithTheRawBody() throws Exception {
    Scope acme = newScope();
    Scope other = newScope();
    var dst =
        hs.destinations()
            .create(
                acme,
                DestinationSpec.builder()
                    .name("Live")
                    .type("websocket")
                    .config(Map.of("channel_name", "live-orders"))
                    .build());
    CollectingSink sink = new CollectingSink();
    CollectingSink foreign = new CollectingSink();
    hs.streams().open(acme.orgId(), sink, 10).subscribe("live-orders");
    hs.streams().open(other.orgId(), foreign, 10).subscribe("live-orders");
    String body = "{\"order\": 42, \"note\": \"caf\u00e9\"}";
    DeliveryResult r =
        hs.providers()
            .get("websocket")
            .deliver(
                new DeliveryRequest(
                    "evt_1",
                    dst.id(),
                    1,
                    Map.of("channel_name", "live-orders"),
                    body.getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    clock.now(),
                    Duration.ofSeconds(10)));
    assertThat(r.success()).isTrue();
    JsonNode f = sink.next();
    assertThat(f.get("type").asText()).isEqualTo("event.delivered");
    assertThat(f.get("channel").asText()).isEqualTo("live-orders");
    assertThat(f.get("data").get("event_id").asText()).isEqualTo("evt_1");
    assertThat(f.get("data").get("destination_id").asText()).isEqualTo(dst.id());
    assertThat(f.get("data").get("payload").asText()).isEqualTo(body);
    assertThat(foreign.poll(100)).isNull();
  }

  @Test
  void websocketDeliverySucceedsWithNoSubscriberAndFailsForAnUnknownDestination() {
    Scope acme = newScope();
    var dst =
        hs.destinations()
            .create(
                acme,
                DestinationSpec.builder()
                    .name("Live")
                    .type("websocket")
                    .config(Map.of("channel_name", "nobody"))
                    .build());
    var provider = hs.providers().get("websocket");
    assertThat(provider.deliver(request(dst.id())).success()).isTrue();
    DeliveryResult gone = provider.deliver(request("dst_missing"));
    assertThat(gone.success()).isFalse();
    assertThat(gone.retryable()).isFalse();
    assertThat(gone.error()).contains("dst_missing");
  }

  @Test
  void aHostBusCarriesMessagesBetweenTwoEngines() throws Exception {
    InProcessChannelBus shared = new InProcessChannelBus();
    InMemoryStore store = new InMemoryStore();
    try (Hookstream a = engine(store, shared);
        Hookstream b = engine(store, shared)) {
      var org = a.organizations().create("Acme");
      Scope scope = a.organizations().createEnvironment(org.id(), "prod").scope();
      String src =
          a.sources()
              .create(scope, io.hookstream.source.SourceSpec.builder().name("S").build())
              .id();
      CollectingSink onB = new CollectingSink();
      b.streams().open(org.id(), onB, 10).subscribe("events");
      String id = a.ingest(src, IngestRequest.json("{}")).eventId();
      assertThat(onB.next().get("data").get("id").asText()).isEqualTo(id);
    } finally {
      shared.close();
    }
  }

  private Hookstream engine(InMemoryStore store, InProcessChannelBus bus) {
    return Hookstream.builder()
        .store(store)
        .keyValueStore(new InMemoryKeyValueStore(clock))
        .blobStore(new InMemoryBlobStore())
        .clock(clock)
        .channelBus(bus)
        .build()
        .start();
  }

  private DeliveryRequest request(String destinationId) {
    return new DeliveryRequest(
        "evt_1",
        destinationId,
        1,
        Map.of("channel_name", "nobody"),
        "{}".getBytes(StandardCharsets.UTF_8),
        "application/json",
        clock.now(),
        Duration.ofSeconds(10));
  }

  private IssueRecord issue(String orgId) {
    Instant at = clock.now();
    return new IssueRecord(
        "iss_1",
        orgId,
        "env_1",
        "dst_1",
        "http_5xx",
        "Destination returned" + " 503",
        "open",
        3,
        at,
        at,
        List.of("da_1"),
        null,
        null,
        at);
  }
}
