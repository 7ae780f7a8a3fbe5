package io.hookstream.servlet.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.Hookstream;
import io.hookstream.auth.ApiKeyMode;
import io.hookstream.client.Backoff;
import io.hookstream.client.HookstreamStream;
import io.hookstream.client.StreamMessage;
import io.hookstream.collection.CollectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.event.Event;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.servlet.HookstreamServlet;
import io.hookstream.servlet.ServletOptions;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket behaviour every supported container must show, with a real JDK WebSocket client
 * against the real container. Subclasses name the container.
 */
abstract class WebSocketSuite {

  private final List<AutoCloseable> toClose = new ArrayList<>();
  Hookstream hs;
  HookstreamWebSockets ws;
  int port;
  Scope acme;
  String acmeKey;
  String acmeSource;
  Scope globex;
  String globexKey;
  String globexSource;

  abstract WsContainer container();

  @BeforeEach
  void engine() {
    hs =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
            .blobStore(new InMemoryBlobStore())
            .streamBusCapacity(100_000)
            .build()
            .start();
    toClose.add(hs);
    acme = scope("Acme");
    acmeKey = hs.apiKeys().create(acme, "stream", ApiKeyMode.LIVE).key();
    acmeSource = hs.sources().create(acme, SourceSpec.builder().name("Orders").build()).id();
    globex = scope("Globex");
    globexKey = hs.apiKeys().create(globex, "stream", ApiKeyMode.LIVE).key();
    globexSource = hs.sources().create(globex, SourceSpec.builder().name("Billing").build()).id();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  void serve(WebSocketOptions options) throws Exception {
    WsContainer c = container();
    toClose.add(c);
    port =
        c.start(
            (context, container) ->
                ws = HookstreamWebSockets.install(context, container, hs, "/v1", options));
    toClose.add(ws);
  }

  void serve() throws Exception {
    serve(WebSocketOptions.DEFAULTS);
  }

  URI uri(String pathAndQuery) {
    return URI.create("ws://127.0.0.1:" + port + pathAndQuery);
  }

  WsTestClient stream(String key) throws Exception {
    return track(WsTestClient.connect(uri("/v1/ws?token=" + key)));
  }

  WsTestClient track(WsTestClient c) {
    toClose.add(c);
    return c;
  }

  private Scope scope(String name) {
    var org = hs.organizations().create(name);
    return hs.organizations().createEnvironment(org.id(), "production").scope();
  }

  static void await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  @Test
  void welcomesWithTheOrgAndStreamsSubscribedEventsInTheDocumentedShape() throws Exception {
    serve();
    WsTestClient client = stream(acmeKey);
    JsonNode welcome = client.next("welcome");
    assertThat(welcome.get("org_id").asText()).isEqualTo(acme.orgId());
    client.subscribe("events");
    client.subscribe("events:" + acmeSource);

    IngestRequest request =
        IngestRequest.builder()
            .method("POST")
            .header("content-type", "application/json")
            .body("{\"order\":1}".getBytes(StandardCharsets.UTF_8))
            .build();
    String id = hs.ingest(acmeSource, request).eventId();

    List<JsonNode> got = List.of(client.next("event"), client.next("event"));
    assertThat(got)
        .extracting(m -> m.get("channel").asText())
        .containsExactlyInAnyOrder("events", "events:" + acmeSource);
    for (JsonNode m : got) {
      JsonNode data = m.get("data");
      assertThat(data.get("id").asText()).isEqualTo(id);
      assertThat(data.get("source_id").asText()).isEqualTo(acmeSource);
      assertThat(data.get("method").asText()).isEqualTo("POST");
      assertThat(data.get("content_type").asText()).isEqualTo("application/json");
      assertThat(data.get("status").asText()).isEqualTo("received");
      assertThat(data.get("received_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }
  }

  @Test
  void idleConnectionsCostNoThreadEach() throws Exception {
    serve();
    int before = Thread.activeCount();
    List<WsTestClient> clients = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      clients.add(stream(acmeKey));
    }
    for (WsTestClient c : clients) {
      c.next("welcome");
    }
    await(Duration.ofSeconds(5), () -> ws.openConnections() == 150);
    int added = Thread.activeCount() - before;
    assertThat(added).as("threads added for 150 open connections").isLessThan(60);
    // Still all live: one broadcast reaches every subscriber.
    for (WsTestClient c : clients) {
      c.subscribe("events");
    }
    String id = hs.ingest(acmeSource, IngestRequest.json("{}")).eventId();
    for (WsTestClient c : clients) {
      assertThat(c.next("event").get("data").get("id").asText()).isEqualTo(id);
    }
  }

  @Test
  void unsubscribeStopsTheChannel() throws Exception {
    serve();
    WsTestClient client = stream(acmeKey);
    client.next("welcome");
    client.subscribe("events");
    client.subscribe("events:" + acmeSource);
    client.send("{\"type\":\"unsubscribe\",\"channel\":\"events\"}");
    assertThat(client.next("unsubscribed").get("channel").asText()).isEqualTo("events");
    String id = hs.ingest(acmeSource, IngestRequest.json("{}")).eventId();
    JsonNode only = client.next("event");
    assertThat(only.get("channel").asText()).isEqualTo("events:" + acmeSource);
    assertThat(only.get("data").get("id").asText()).isEqualTo(id);
    // A second event proves nothing else was queued in between.
    String id2 = hs.ingest(acmeSource, IngestRequest.json("{}")).eventId();
    JsonNode next = client.next("event");
    assertThat(next.get("channel").asText()).isEqualTo("events:" + acmeSource);
    assertThat(next.get("data").get("id").asText()).isEqualTo(id2);
  }

  @Test
  void aCollectionsChannelStreamsOneSyncPerAppliedChangeToItsOwnOrgOnly() throws Exception {
    serve();
    String col =
        hs.collections()
            .create(
                acme,
                CollectionSpec.builder()
                    .name("Orders")
                    .sourceId(acmeSource)
                    .primaryKeyPath("data.id")
                    .eventTimePath("data.v")
                    .build())
            .id();
    WsTestClient client = stream(acmeKey);
    WsTestClient globexClient = stream(globexKey);
    client.next("welcome");
    globexClient.next("welcome");
    client.subscribe("collections:" + col);
    globexClient.subscribe("collections:" + col);

    String first =
        hs.ingest(acmeSource, IngestRequest.json("{\"data\":{\"id\":\"o1\",\"v\":2}}")).eventId();
    JsonNode sync = client.next("sync");
    assertThat(sync.get("channel").asText()).isEqualTo("collections:" + col);
    assertThat(sync.at("/data/record_key").asText()).isEqualTo("o1");
    assertThat(sync.at("/data/event_id").asText()).isEqualTo(first);
    assertThat(sync.at("/data/data/data/v").asInt()).isEqualTo(2);
    // An older version is not applied, so nothing is sent; the next newer one is.
    hs.ingest(acmeSource, IngestRequest.json("{\"data\":{\"id\":\"o1\",\"v\":1}}"));
    hs.ingest(acmeSource, IngestRequest.json("{\"data\":{\"id\":\"o1\",\"v\":3}}"));
    assertThat(client.next("sync").at("/data/data/data/v").asInt()).isEqualTo(3);
    assertThat(client.poll(200)).isNull();
    assertThat(globexClient.poll(50)).isNull();
  }

  @Test
  void anotherOrgsEventsNeverArrive() throws Exception {
    serve();
    WsTestClient acmeClient = stream(acmeKey);
    WsTestClient globexClient = stream(globexKey);
    assertThat(globexClient.next("welcome").get("org_id").asText()).isEqualTo(globex.orgId());
    acmeClient.next("welcome");
    acmeClient.subscribe("events");
    globexClient.subscribe("events");
    // Subscribing by another org's source id does not help either.
    globexClient.subscribe("events:" + acmeSource);

    String acmeEvent = hs.ingest(acmeSource, IngestRequest.json("{}")).eventId();
    String globexEvent = hs.ingest(globexSource, IngestRequest.json("{}")).eventId();

    assertThat(acmeClient.next("event").get("data").get("id").asText()).isEqualTo(acmeEvent);
    assertThat(globexClient.next("event").get("data").get("id").asText()).isEqualTo(globexEvent);
    assertThat(globexClient.poll(200)).isNull();
    assertThat(acmeClient.poll(50)).isNull();
  }

  @Test
  void invalidMessagesGetAnErrorAndTheConnectionStaysOpen() throws Exception {
    serve();
    WsTestClient client = stream(acmeKey);
    client.next("welcome");
    client.send("not json");
    assertThat(client.next("error").get("error").asText()).contains("not a JSON object");
    client.send("{\"type\":\"subscribe\",\"channel\":\"users:1\"}");
    JsonNode bad = client.next("error");
    assertThat(bad.get("error").asText()).contains("unknown channel prefix 'users'");
    assertThat(bad.get("channel").asText()).isEqualTo("users:1");
    client.send("{\"type\":\"subscribe\"}");
    assertThat(client.next("error").get("error").asText()).isEqualTo("channel is required");
    client.send("{\"type\":\"dance\"}");
    assertThat(client.next("error").get("error").asText()).contains("unknown message type");
    for (int i = 0; i < 100; i++) {
      client.subscribe("events:src_" + i);
    }
    client.send("{\"type\":\"subscribe\",\"channel\":\"issues\"}");
    assertThat(client.next("error").get("error").asText()).startsWith("at most 100 channels");
    client.send("{\"type\":\"unsubscribe\",\"channel\":\"events:src_0\"}");
    client.next("unsubscribed");
    client.subscribe("issues");
    assertThat(client.closed).isNotDone();
  }

  @Test
  void anOversizedClientMessageIsClosedWith1009() throws Exception {
    serve(WebSocketOptions.builder().maxClientMessageBytes(1024).build());
    WsTestClient client = stream(acmeKey);
    client.next("welcome");
    client.send("{\"type\":\"subscribe\",\"channel\":\"" + "a".repeat(2048) + "\"}");
    assertThat(client.awaitClose().code()).isEqualTo(1009);
  }

  @Test
  void anInvalidOrMissingTokenIsRefusedWith401() throws Exception {
    serve();
    for (String path :
        new String[] {
          "/v1/ws?token=hs_live_" + "0".repeat(64), "/v1/ws", "/v1/ws/source/" + acmeSource
        }) {
      var response = WsTestClient.refusedUpgrade(uri(path));
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(String.valueOf(response.body())).as(path).contains("unauthorized");
    }
  }

  @Test
  void withoutTheFilterAnInvalidTokenIsClosedWithPolicyViolation() throws Exception {
    WsContainer c = container();
    toClose.add(c);
    port =
        c.start(
            (context, container) ->
                ws = HookstreamWebSockets.install(container, hs, "/v1", WebSocketOptions.DEFAULTS));
    toClose.add(ws);
    for (String query : new String[] {"?token=hs_live_" + "0".repeat(64), ""}) {
      WsTestClient client = track(WsTestClient.connect(uri("/v1/ws" + query)));
      WsTestClient.Closed closed = client.awaitClose();
      assertThat(closed.code()).isEqualTo(1008);
      assertThat(closed.reason()).startsWith("unauthorized");
      assertThat(client.messages).isEmpty();
    }
    // The valid key still works, and ingestion without the filter has no client address.
    WsTestClient source =
        track(WsTestClient.connect(uri("/v1/ws/source/" + acmeSource + "?token=" + acmeKey)));
    source.send("{}");
    String id = source.next("ack").get("event_id").asText();
    assertThat(hs.events().require(acme, id).sourceIp()).isNull();
  }

  @Test
  void heartbeatKeepsAnsweringClientsAndClosesSilentOnes() throws Exception {
    serve(WebSocketOptions.builder().heartbeatInterval(Duration.ofMillis(150)).build());
    WsTestClient live = stream(acmeKey);
    WsTestClient silent = track(WsTestClient.connect(uri("/v1/ws?token=" + acmeKey), false));
    assertThat(live.next("welcome").get("heartbeat_interval_ms").asLong()).isEqualTo(150);

    WsTestClient.Closed closed = silent.awaitClose();
    assertThat(closed.code()).isEqualTo(1001);
    assertThat(closed.reason()).startsWith("heartbeat timeout");
    assertThat(silent.pings.get()).isGreaterThanOrEqualTo(1);

    await(Duration.ofSeconds(5), () -> live.pings.get() >= 4);
    assertThat(live.closed).isNotDone();
    live.subscribe("events");
    await(Duration.ofSeconds(5), () -> ws.openConnections() == 1);
  }

  @Test
  void aClientThatStopsReadingIsClosedWhileAFastOneGetsEverythingAndIngestGoesOn()
      throws Exception {
    serve(WebSocketOptions.builder().queueCapacity(64).build());
    var dst =
        hs.destinations()
            .create(
                acme,
                DestinationSpec.builder()
                    .name("Firehose")
                    .type("websocket")
                    .config(Map.of("channel_name", "firehose"))
                    .build());
    WsTestClient fast = stream(acmeKey);
    WsTestClient slow = stream(acmeKey);
    fast.next("welcome");
    slow.next("welcome");
    fast.subscribe("firehose");
    slow.subscribe("firehose");
    slow.stopReading();

    String payload = "x".repeat(64 * 1024);
    int sent = 0;
    // Publish in rounds the fast client keeps up with, until the slow one is cut off.
    while (hs.streams().openSubscriptions() == 2 && sent < 4_000) {
      for (int i = 0; i < 16; i++) {
        deliver(dst.id(), "evt_" + sent++, payload);
      }
      int expected = sent;
      await(Duration.ofSeconds(10), () -> fast.messages.size() >= expected);
      // Ingest is never held up by the stalled subscriber.
      CompletableFuture<String> ingest =
          CompletableFuture.supplyAsync(
              () -> hs.ingest(acmeSource, IngestRequest.json("{}")).eventId());
      assertThat(ingest.get(5, TimeUnit.SECONDS)).startsWith("evt_");
    }
    assertThat(hs.streams().openSubscriptions()).isEqualTo(1);

    for (int i = 0; i < 32; i++) {
      deliver(dst.id(), "evt_" + sent++, payload);
    }
    int total = sent;
    await(Duration.ofSeconds(10), () -> fast.messages.size() >= total);
    List<String> ids = new ArrayList<>();
    for (JsonNode m : fast.messages) {
      assertThat(m.get("type").asText()).isEqualTo("event.delivered");
      assertThat(m.get("data").get("payload").asText()).hasSize(payload.length());
      ids.add(m.get("data").get("event_id").asText());
    }
    List<String> expectedIds = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      expectedIds.add("evt_" + i);
    }
    assertThat(ids).containsExactlyElementsOf(expectedIds);
    assertThat(fast.closed).isNotDone();

    slow.resumeReading();
    WsTestClient.Closed closed = slow.awaitClose();
    assertThat(closed.code()).isEqualTo(1008);
    assertThat(closed.reason()).isEqualTo("subscriber too slow: 64 messages waiting to be sent");
    assertThat(slow.messages.size()).isLessThan(total);
  }

  @Test
  void aClientWhoseSocketIsFullAndSilentIsClosedByTheHeartbeat() throws Exception {
    serve(
        WebSocketOptions.builder()
            .heartbeatInterval(Duration.ofMillis(200))
            .queueCapacity(100_000)
            .build());
    var dst =
        hs.destinations()
            .create(
                acme,
                DestinationSpec.builder()
                    .name("Firehose")
                    .type("websocket")
                    .config(Map.of("channel_name", "firehose"))
                    .build());
    WsTestClient stalled = stream(acmeKey);
    stalled.next("welcome");
    stalled.subscribe("firehose");
    stalled.stopReading();
    String payload = "y".repeat(64 * 1024);
    for (int i = 0; i < 400; i++) {
      deliver(dst.id(), "evt_" + i, payload);
    }
    // Far more than the socket buffers hold, and no pongs: the server lets go of it.
    await(Duration.ofSeconds(15), () -> ws.openConnections() == 0);
    assertThat(hs.streams().openSubscriptions()).isZero();
  }

  private void deliver(String destinationId, String eventId, String payload) {
    var result =
        hs.providers()
            .get("websocket")
            .deliver(
                new DeliveryRequest(
                    eventId,
                    destinationId,
                    1,
                    Map.of("channel_name", "firehose"),
                    payload.getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    hs.clock().now(),
                    Duration.ofSeconds(5)));
    assertThat(result.success()).isTrue();
  }

  @Test
  void websocketDestinationFramesReachItsChannelSubscribersOnly() throws Exception {
    serve();
    var dst =
        hs.destinations()
            .create(
                acme,
                DestinationSpec.builder()
                    .name("Live")
                    .type("websocket")
                    .config(Map.of("channel_name", "live-orders"))
                    .build());
    WsTestClient subscriber = stream(acmeKey);
    WsTestClient other = stream(acmeKey);
    WsTestClient foreign = stream(globexKey);
    subscriber.next("welcome");
    other.next("welcome");
    foreign.next("welcome");
    subscriber.subscribe("live-orders");
    other.subscribe("events");
    foreign.subscribe("live-orders");
    String body = "{\"id\":\"ord_123\",\"amount\":4999}";
    hs.providers()
        .get("websocket")
        .deliver(
            new DeliveryRequest(
                "evt_abc123",
                dst.id(),
                1,
                Map.of("channel_name", "live-orders"),
                body.getBytes(StandardCharsets.UTF_8),
                "application/json",
                hs.clock().now(),
                Duration.ofSeconds(5)));
    JsonNode m = subscriber.next("event.delivered");
    assertThat(m.get("channel").asText()).isEqualTo("live-orders");
    assertThat(m.get("data").get("event_id").asText()).isEqualTo("evt_abc123");
    assertThat(m.get("data").get("destination_id").asText()).isEqualTo(dst.id());
    assertThat(m.get("data").get("payload").asText()).isEqualTo(body);
    assertThat(other.poll(100)).isNull();
    assertThat(foreign.poll(50)).isNull();
  }

  @Test
  void aConnectionToAWebsocketDestinationStreamsEventDeliveredAndTheAttempt() throws Exception {
    serve();
    var dst =
        hs.destinations()
            .create(
                acme,
                DestinationSpec.builder()
                    .name("Live")
                    .type("websocket")
                    .config(Map.of("channel_name", "live-orders"))
                    .build());
    hs.connections()
        .create(
            acme,
            io.hookstream.connection.ConnectionSpec.builder()
                .name("to live")
                .sourceId(acmeSource)
                .destinationId(dst.id())
                .build());
    WsTestClient subscriber = stream(acmeKey);
    subscriber.next("welcome");
    subscriber.subscribe("live-orders");
    subscriber.subscribe("deliveries:" + dst.id());
    WsTestClient source =
        track(WsTestClient.connect(uri("/v1/ws/source/" + acmeSource + "?token=" + acmeKey)));
    String body = "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_123\"}}";

    source.send(body);
    String eventId = source.next("ack").get("event_id").asText();

    // The scheduler delivers (publishes), then records the attempt (publishes again).
    JsonNode delivered = subscriber.next("event.delivered");
    assertThat(delivered.get("channel").asText()).isEqualTo("live-orders");
    assertThat(delivered.get("data").get("event_id").asText()).isEqualTo(eventId);
    assertThat(delivered.get("data").get("destination_id").asText()).isEqualTo(dst.id());
    assertThat(delivered.get("data").get("payload").asText()).isEqualTo(body);
    JsonNode attempt = subscriber.next("delivery");
    assertThat(attempt.get("channel").asText()).isEqualTo("deliveries:" + dst.id());
    assertThat(attempt.get("data").get("event_id").asText()).isEqualTo(eventId);
    assertThat(attempt.get("data").get("status").asText()).isEqualTo("success");
    assertThat(attempt.get("data").get("attempt_number").asInt()).isEqualTo(1);
  }

  @Test
  void inboundSourceAcksWithTheStoredEventId() throws Exception {
    serve();
    // A forged X-Forwarded-For from a peer that is not a trusted proxy changes nothing.
    WsTestClient source =
        track(
            WsTestClient.connect(
                uri("/v1/ws/source/" + acmeSource + "?token=" + acmeKey),
                true,
                Map.of("X-Forwarded-For", "203.0.113.7")));
    String body = "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_123\",\"amount\":4999}}";
    source.send(body);
    JsonNode ack = source.next("ack");
    String id = ack.get("event_id").asText();
    Event event = hs.events().require(acme, id);
    assertThat(event.sourceId()).isEqualTo(acmeSource);
    assertThat(event.method()).isEqualTo("POST");
    assertThat(event.contentType()).isEqualTo("application/json");
    assertThat(new String(hs.events().body(event), StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(event.sourceIp()).isEqualTo("127.0.0.1");
    assertThat(event.path()).isEqualTo("/v1/ws/source/" + acmeSource);

    source.send("{oops");
    JsonNode error = source.next("error");
    assertThat(error.get("status").asInt()).isEqualTo(400);
    assertThat(error.get("error").asText()).contains("not valid JSON");
    source.send("{\"second\":true}");
    assertThat(source.next("ack").get("event_id").asText()).isNotEqualTo(id);
  }

  @Test
  void inboundSourceBehindATrustedProxyStoresTheForwardedClient() throws Exception {
    hs =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
            .blobStore(new InMemoryBlobStore())
            .trustedProxies(TrustedProxies.of("127.0.0.1/32"))
            .build()
            .start();
    toClose.add(hs);
    Scope behind = scope("Behind a proxy");
    String key = hs.apiKeys().create(behind, "lb", ApiKeyMode.LIVE).key();
    String src = hs.sources().create(behind, SourceSpec.builder().name("LB").build()).id();
    serve();
    WsTestClient source =
        track(
            WsTestClient.connect(
                uri("/v1/ws/source/" + src + "?token=" + key),
                true,
                Map.of("X-Forwarded-For", "6.6.6.6, 203.0.113.7")));
    source.send("{}");
    String id = source.next("ack").get("event_id").asText();
    assertThat(hs.events().require(behind, id).sourceIp()).isEqualTo("203.0.113.7");
  }

  @Test
  void inboundSourceOfAnotherOrgIsRefused() throws Exception {
    serve();
    for (String path :
        new String[] {
          "/v1/ws/source/" + acmeSource + "?token=" + globexKey,
          "/v1/ws/source/src_unknown?token=" + acmeKey
        }) {
      WsTestClient c = track(WsTestClient.connect(uri(path)));
      assertThat(c.awaitClose().code()).as(path).isEqualTo(1008);
    }
  }

  @Test
  void testSessionFeedNeedsNoTokenAndGetsItsOwnMessages() throws Exception {
    serve();
    String a = hs.testSessions().create(null).id();
    String b = hs.testSessions().create(null).id();
    WsTestClient mine = track(WsTestClient.connect(uri("/v1/ws/test/" + a)));
    WsTestClient theirs = track(WsTestClient.connect(uri("/v1/ws/test/" + b)));
    assertThat(mine.next("welcome").get("session_id").asText()).isEqualTo(a);
    theirs.next("welcome");
    hs.streams()
        .testSessionMessage(
            a, "event", "{\"id\":\"evt_001\",\"method\":\"POST\",\"body\":{\"test\":true}}");
    JsonNode m = mine.next("event");
    assertThat(m.get("channel").asText()).isEqualTo("test");
    assertThat(m.get("data").get("body").get("test").asBoolean()).isTrue();
    assertThat(theirs.poll(100)).isNull();

    WsTestClient madeUp = track(WsTestClient.connect(uri("/v1/ws/test/" + "a".repeat(32))));
    assertThat(madeUp.awaitClose().code()).isEqualTo(1008);
  }

  @Test
  void aTestSessionFeedPushesEachRequestToItsUrlAsItArrives() throws Exception {
    WsContainer c = container();
    toClose.add(c);
    port =
        c.start(
            (context, container) -> {
              ws =
                  HookstreamWebSockets.install(
                      context, container, hs, "/v1", WebSocketOptions.DEFAULTS);
              HookstreamServlet.register(context, hs, ServletOptions.defaults());
            });
    toClose.add(ws);
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/test/sessions"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = new ObjectMapper().readTree(created.body()).path("session_id").asText();

    WsTestClient feed = track(WsTestClient.connect(uri("/v1/ws/test/" + id)));
    assertThat(feed.next("welcome").get("session_id").asText()).isEqualTo(id);
    HttpResponse<String> answered =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/ingest/" + id + "?attempt=2"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", "sha256=00")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"ref\":\"main\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answered.statusCode()).isEqualTo(200);

    JsonNode m = feed.next("event");
    assertThat(m.path("channel").asText()).isEqualTo("test");
    JsonNode data = m.path("data");
    assertThat(data.path("method").asText()).isEqualTo("PUT");
    assertThat(data.path("body").path("ref").asText()).isEqualTo("main");
    assertThat(data.path("query").path("attempt").asText()).isEqualTo("2");
    assertThat(data.path("headers").path("x-github-event").asText()).isEqualTo("push");
    assertThat(data.path("provider").asText()).isEqualTo("github");
    assertThat(data.path("source_ip").asText()).isEqualTo("127.0.0.1");
    assertThat(data.path("id").asText()).startsWith("evt_");
  }

  @Test
  void javaClientReconnectsAndResubscribesAfterTheServerDropsIt() throws Exception {
    serve();
    BlockingQueue<StreamMessage> received = new LinkedBlockingQueue<>();
    HookstreamStream client =
        HookstreamStream.builder(uri("/v1/ws"))
            .token(acmeKey)
            .backoff(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(30)))
            .listener(received::add)
            .build();
    toClose.add(client);
    client.subscribe("events");
    client.connect();
    assertThat(next(received, "welcome").data().isMissingNode()).isTrue();
    next(received, "subscribed");

    ws.disconnectAll("restarting");
    next(received, "welcome");
    assertThat(next(received, "subscribed").raw()).contains("\"events\"");
    assertThat(client.connectionCount()).isEqualTo(2);

    String id = hs.ingest(acmeSource, IngestRequest.json("{}")).eventId();
    StreamMessage event = next(received, "event");
    assertThat(event.channel()).isEqualTo("events");
    assertThat(event.data().get("id").asText()).isEqualTo(id);
  }

  private static StreamMessage next(BlockingQueue<StreamMessage> q, String type)
      throws InterruptedException {
    StreamMessage m = q.poll(5, TimeUnit.SECONDS);
    assertThat(m).as("a " + type + " message").isNotNull();
    assertThat(m.type()).as(m.raw()).isEqualTo(type);
    return m;
  }
}
