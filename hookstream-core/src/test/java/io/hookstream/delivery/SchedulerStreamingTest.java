package io.hookstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.stream.CollectingSink;
import io.hookstream.stream.StreamSubscription;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's scheduler and issue tracker publish to live subscribers. */
class SchedulerStreamingTest {

  @Test
  void aFailedAttemptAndTheIssueItOpensAreStreamed() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T14:30:00Z"));
    ScriptedProvider provider = new ScriptedProvider(clock);
    try (Hookstream hs =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(clock))
            .blobStore(new InMemoryBlobStore())
            .clock(clock)
            .provider(provider)
            .build()
            .start()) {
      var org = hs.organizations().create("Acme");
      Scope scope = hs.organizations().createEnvironment(org.id(), "prod").scope();
      String src = hs.sources().create(scope, SourceSpec.builder().name("S").build()).id();
      var dst =
          hs.destinations()
              .create(
                  scope,
                  DestinationSpec.builder()
                      .name("Rejecting")
                      .type("test")
                      .config(Map.of())
                      .build());
      provider.script(dst.id(), r -> ScriptedProvider.status(400)); // not retried: dead at once
      hs.connections()
          .create(
              scope,
              ConnectionSpec.builder().name("c").sourceId(src).destinationId(dst.id()).build());
      CollectingSink frames = new CollectingSink();
      StreamSubscription s = hs.streams().open(org.id(), frames, 100);
      s.subscribe("deliveries");
      s.subscribe("issues");

      String id = hs.ingest(src, IngestRequest.json("{}")).eventId();

      JsonNode attempt = frames.next();
      assertThat(attempt.get("type").asText()).isEqualTo("delivery");
      assertThat(attempt.get("data").get("event_id").asText()).isEqualTo(id);
      assertThat(attempt.get("data").get("status").asText()).isEqualTo("failed");
      assertThat(attempt.get("data").get("status_code").asInt()).isEqualTo(400);
      assertThat(attempt.get("data").get("is_dlq").asBoolean()).isTrue();
      JsonNode issue = frames.next();
      assertThat(issue.get("type").asText()).isEqualTo("issue");
      assertThat(issue.get("data").get("destination_id").asText()).isEqualTo(dst.id());
      assertThat(issue.get("data").get("status").asText()).isEqualTo("open");
    }
  }
}
