package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.replay.ReplayJob;
import io.hookstream.replay.ReplaySpec;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.stream.CollectingSink;
import io.hookstream.stream.StreamChannels;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job's progress reaches subscribers of {@code replay:<job_id>}, and only of its organization.
 */
class ReplayProgressStreamTest {

  private final ManualClock clock = new ManualClock();
  private final Hookstream hs = TestEngine.start(clock);

  @AfterEach
  void close() {
    hs.close();
  }

  @Test
  void everyStepThatChangesTheCountsIsStreamedOnTheJobsChannel() throws Exception {
    Scope scope = TestEngine.newScope(hs);
    Scope other = TestEngine.newScope(hs);
    String src = hs.sources().create(scope, SourceSpec.builder().name("in").build()).id();
    String dst =
        hs.destinations()
            .create(scope, DestinationSpec.builder().name("d").url("http://127.0.0.1:9/d").build())
            .id();
    hs.connections()
        .create(scope, ConnectionSpec.builder().sourceId(src).destinationId(dst).build());
    Instant from = clock.now();
    for (int i = 0; i < 3; i++) {
      hs.ingest(src, IngestRequest.json("{\"n\":" + i + "}"));
    }
    ReplayJob job =
        hs.replays()
            .replay(
                scope,
                ReplaySpec.builder()
                    .destinationId(dst)
                    .from(from)
                    .to(clock.now())
                    .rateLimit(2)
                    .build());
    CollectingSink progress = new CollectingSink();
    CollectingSink foreign = new CollectingSink();
    hs.streams().open(scope.orgId(), progress, 100).subscribe(StreamChannels.replay(job.id()));
    hs.streams().open(other.orgId(), foreign, 100).subscribe(StreamChannels.replay(job.id()));

    clock.advance(Duration.ofSeconds(1));
    hs.runDueJobs();
    JsonNode first = progress.next();
    if (first.get("data").get("processed").asInt() == 0) {
      first = progress.next(); // the creation frame may arrive after the subscription
    }
    assertThat(first.get("type").asText()).isEqualTo("replay");
    assertThat(first.get("channel").asText()).isEqualTo("replay:" + job.id());
    assertThat(first.get("data").get("processed").asInt()).isEqualTo(2);
    assertThat(first.get("data").get("total").asInt()).isEqualTo(3);

    // The started engine's scheduler delivers too; step until its deliveries have settled.
    Await.until(
        Duration.ofSeconds(10),
        () -> {
          hs.runDueDeliveries();
          clock.advance(Duration.ofSeconds(1));
          hs.runDueJobs();
          return hs.replays().get(scope, job.id()).status().equals("completed");
        });
    JsonNode last = first;
    while (!last.get("data").get("status").asText().equals("completed")) {
      last = progress.next();
    }
    assertThat(last.get("data").get("succeeded").asInt()).isEqualTo(3);
    assertThat(last.get("data").get("processed").asInt()).isEqualTo(3);
    assertThat(foreign.poll(100)).isNull();
  }
}
