package io.hookstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.stream.CollectingSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Disabling and re-enabling a destination through the Java API, as the engine runs: a 410 disables
 * it, its later tasks park, enabling delivers them in their order, and every switch (and only a
 * switch) reaches live subscribers of its deliveries channels.
 */
class DestinationStateTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T14:30:00Z"));
  private final InMemoryStore store = new InMemoryStore();
  private final ScriptedProvider provider = new ScriptedProvider(clock);
  private final Hookstream hs =
      Hookstream.builder()
          .store(store)
          .keyValueStore(new InMemoryKeyValueStore(clock))
          .blobStore(new InMemoryBlobStore())
          .clock(clock)
          .provider(provider)
          .build()
          .start();
  private final Scope scope;
  private final String source;

  DestinationStateTest() {
    var org = hs.organizations().create("Acme");
    scope = hs.organizations().createEnvironment(org.id(), "prod").scope();
    source = hs.sources().create(scope, SourceSpec.builder().name("Orders").build()).id();
  }

  @AfterEach
  void close() {
    hs.close();
  }

  @Test
  void goneDisablesAndEnablingDeliversTheParkedTasksInTheirOrder() throws Exception {
    Destination d = destination(DestinationSpec.builder().ordered(true));
    CollectingSink frames = new CollectingSink();
    hs.streams().open(scope.orgId(), frames, 100).subscribe("deliveries:" + d.id());
    provider.script(d.id(), r -> ScriptedProvider.status(410));
    String first = ingest(1);
    await(() -> hs.destinations().require(scope, d.id()).disabledReason() != null);

    JsonNode off = nextOfType(frames, "destination");
    assertThat(off.get("channel").asText()).isEqualTo("deliveries:" + d.id());
    assertThat(off.get("data").get("id").asText()).isEqualTo(d.id());
    assertThat(off.get("data").get("enabled").asBoolean()).isFalse();
    assertThat(off.get("data").get("disabled_reason").asText()).startsWith("endpoint_gone");

    provider.script(d.id(), r -> ScriptedProvider.ok());
    List<String> parked = List.of(ingest(2), ingest(3), ingest(4));
    await(() -> parked.stream().allMatch(e -> taskStatus(e) == TaskStatus.PENDING));
    clock.advance(Duration.ofHours(1));
    hs.runDueDeliveries();
    assertThat(provider.received(d.id())).hasSize(1);

    Destination on = hs.destinations().enable(scope, d.id());
    assertThat(on.disabledReason()).isNull();
    JsonNode enabled = nextOfType(frames, "destination");
    assertThat(enabled.get("data").get("enabled").asBoolean()).isTrue();
    assertThat(enabled.get("data").get("disabled_reason").isNull()).isTrue();
    await(() -> provider.received(d.id()).size() == 4);
    assertThat(provider.received(d.id()))
        .extracting(ScriptedProvider.Received::eventId)
        .containsExactly(first, parked.get(0), parked.get(1), parked.get(2));
  }

  @Test
  void aDestinationCreatedDisabledDeliversNothingUntilEnabled() {
    Destination d = destination(DestinationSpec.builder().enabled(false));
    assertThat(d.disabledReason()).startsWith("disabled_by_user");
    String event = ingest(1);
    await(() -> taskStatus(event) == TaskStatus.PENDING);
    hs.runDueDeliveries();
    assertThat(provider.received(d.id())).isEmpty();

    hs.destinations().update(scope, d.id(), b -> b.enabled(true));
    await(() -> taskStatus(event) == TaskStatus.SUCCEEDED);
    assertThat(provider.received(d.id())).hasSize(1);
  }

  @Test
  void onlyASwitchIsBroadcastAndOtherUpdatesKeepTheState() throws Exception {
    Destination d = destination(DestinationSpec.builder());
    CollectingSink frames = new CollectingSink();
    hs.streams().open(scope.orgId(), frames, 100).subscribe("deliveries");

    Destination off = hs.destinations().update(scope, d.id(), b -> b.enabled(false));
    assertThat(off.disabledReason()).startsWith("disabled_by_user");
    Destination renamed = hs.destinations().update(scope, d.id(), b -> b.name("Renamed"));
    assertThat(renamed.disabledReason()).isEqualTo(off.disabledReason());
    assertThat(hs.destinations().disable(scope, d.id()).version()).isEqualTo(renamed.version());
    hs.destinations().enable(scope, d.id());
    hs.destinations().enable(scope, d.id());

    JsonNode first = frames.next();
    assertThat(first.get("type").asText()).isEqualTo("destination");
    assertThat(first.get("data").get("disabled").asBoolean()).isTrue();
    JsonNode second = frames.next();
    assertThat(second.get("data").get("enabled").asBoolean()).isTrue();
    assertThat(second.get("data").get("name").asText()).isEqualTo("Renamed");
    assertThat(frames.poll(200)).as("no frame for a rename or a repeated switch").isNull();
  }

  private Destination destination(DestinationSpec.Builder spec) {
    Destination d =
        hs.destinations()
            .create(scope, spec.name("Receiver").type("test").config(Map.of()).build());
    hs.connections()
        .create(
            scope,
            ConnectionSpec.builder().name("c").sourceId(source).destinationId(d.id()).build());
    return d;
  }

  private String ingest(int n) {
    return hs.ingest(source, IngestRequest.json("{\"n\":" + n + "}")).eventId();
  }

  private TaskStatus taskStatus(String eventId) {
    var tasks = store.deliveries().tasksForEvent(scope, eventId);
    return tasks.isEmpty() ? null : tasks.get(0).status();
  }

  private static JsonNode nextOfType(CollectingSink frames, String type) throws Exception {
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      JsonNode f = frames.next();
      if (f.get("type").asText().equals(type)) {
        return f;
      }
      skipped.add(f.get("type").asText());
    }
    throw new AssertionError("no " + type + " frame; got " + skipped);
  }

  /** Runs due deliveries until {@code done} holds (10 s bound). */
  private void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      hs.runDueDeliveries();
      Thread.onSpinWait();
    }
  }
}
