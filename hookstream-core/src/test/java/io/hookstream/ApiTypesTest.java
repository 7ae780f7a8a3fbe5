package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.event.Event;
import io.hookstream.event.EventQuery;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What services return are values: a caller cannot change the engine's state through them. */
class ApiTypesTest {

  private final ManualClock clock = new ManualClock();
  private Hookstream hs;
  private Scope scope;

  @BeforeEach
  void setUp() {
    hs = TestEngine.start(clock);
    scope = TestEngine.newScope(hs);
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  @Test
  void anEventsBodyCannotBeChangedThroughTheBytesItGaveOut() {
    String src = hs.sources().create(scope, SourceSpec.builder().name("s").build()).id();
    String id = hs.ingest(src, IngestRequest.json("{\"a\":1}")).eventId();

    Event event = hs.events().require(scope, id);
    event.body()[0] = 'X';
    hs.events().body(event)[0] = 'Y';

    assertThat(new String(event.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(hs.events().require(scope, id)).isEqualTo(event);
  }

  @Test
  void aDestinationsConfigIsAMapThatCallersCannotChange() {
    Destination d =
        hs.destinations()
            .create(
                scope,
                DestinationSpec.builder().name("d").url("https://example.com/hooks").build());

    assertThat(d.config()).containsEntry("url", "https://example.com/hooks");
    assertThatThrownBy(() -> d.config().put("url", "https://evil.example"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(d.signingConfig()).isNull();
    assertThat(d.enabled()).isTrue();
  }

  @Test
  void nextPageRequestsWalkEveryEventOnceNewestFirst() {
    String src = hs.sources().create(scope, SourceSpec.builder().name("s").build()).id();
    List<String> ingested = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ingested.add(0, hs.ingest(src, IngestRequest.json("{}")).eventId());
      clock.advance(Duration.ofMillis(1));
    }

    List<String> seen = new ArrayList<>();
    int pages = 0;
    for (PageRequest p = PageRequest.first(3); p != null; pages++) {
      Page<Event> page = hs.events().list(scope, EventQuery.builder().sourceId(src).build(), p);
      page.items().forEach(e -> seen.add(e.id()));
      p = p.next(page);
    }

    assertThat(seen).isEqualTo(ingested);
    assertThat(pages).isEqualTo(3);
    assertThat(
            hs.events()
                .list(
                    scope, EventQuery.builder().sourceId("src_none").build(), PageRequest.first(3))
                .items())
        .isEmpty();
  }
}
