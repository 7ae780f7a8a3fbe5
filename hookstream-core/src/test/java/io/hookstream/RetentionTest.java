package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.event.RetentionJob;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retention purge, run by hand on a manual clock. */
class RetentionTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryBlobStore blobs = new InMemoryBlobStore();
  private final Hookstream hs =
      TestEngine.builder(store, clock)
          .blobStore(blobs)
          .retention(Duration.ofHours(1), true)
          .build()
          .start();

  @AfterEach
  void close() {
    hs.close();
  }

  @Test
  void eventsPastTheirEnvironmentsRetentionArePurgedWithTasksAttemptsAndBodiesAfterArchiving() {
    var org = hs.organizations().create("Acme");
    Environment env = hs.organizations().createEnvironment(org.id(), "production", 7);
    Scope scope = env.scope();
    String src = hs.sources().create(scope, SourceSpec.builder().name("shop").build()).id();
    String dst =
        hs.destinations()
            .create(
                scope,
                DestinationSpec.builder()
                    .name("orders")
                    .url("https://orders.example.com/hook")
                    .build())
            .id();
    hs.connections()
        .create(scope, ConnectionSpec.builder().sourceId(src).destinationId(dst).build());

    String big = "{\"blob\":\"" + "x".repeat(20_000) + "\"}";
    List<String> old =
        List.of(
            hs.ingest(src, IngestRequest.json("{\"n\":1}")).eventId(),
            hs.ingest(src, IngestRequest.json(big)).eventId());
    LocalDate oldDay = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
    Await.until(
        Duration.ofSeconds(10),
        () -> old.stream().allMatch(id -> !store.deliveries().tasksForEvent(scope, id).isEmpty()));
    hs.runDueDeliveries();
    String blobKey = store.events().find(scope, old.get(1)).orElseThrow().bodyBlobKey();
    assertThat(blobKey).isNotNull();
    assertThat(blobs.get(blobKey)).isPresent();

    clock.advance(Duration.ofDays(3));
    String recent = hs.ingest(src, IngestRequest.json("{\"n\":3}")).eventId();
    clock.advance(Duration.ofDays(5)); // the first two are 8 days old, the last 5

    RetentionJob.Result result = hs.runRetention();
    assertThat(result.eventsPurged()).isEqualTo(2);
    assertThat(result.eventsArchived()).isEqualTo(2);
    assertThat(result.blobsDeleted()).isEqualTo(1);
    for (String id : old) {
      assertThat(store.events().find(scope, id)).isEmpty();
      assertThat(store.deliveries().tasksForEvent(scope, id)).isEmpty();
    }
    assertThat(blobs.get(blobKey)).isEmpty();
    assertThat(store.events().find(scope, recent)).isPresent();

    String archive =
        new String(
            blobs.get(RetentionJob.archiveKey(env, oldDay, old.get(0))).orElseThrow(),
            StandardCharsets.UTF_8);
    List<String> lines = archive.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("\"id\":\"" + old.get(0) + "\"")
        .contains("\"body\":\"{\\\"n\\\":1}\"");
    assertThat(lines.get(1)).contains("\"id\":\"" + old.get(1) + "\"").contains("xxxxxxxx");

    assertThat(hs.runRetention().eventsPurged()).isZero();
    EventRecord kept = store.events().find(scope, recent).orElseThrow();
    assertThat(kept.receivedAt()).isAfter(clock.now().minus(Duration.ofDays(7)));
  }
}
