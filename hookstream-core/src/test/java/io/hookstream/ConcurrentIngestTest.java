package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.event.Event;
import io.hookstream.event.EventQuery;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentIngestTest {

  private static final int THREADS = 8;
  private static final int PER_THREAD = 1_250;

  @Test
  void tenThousandEventsFromEightThreadsAreEachStoredAndListedExactlyOnce() throws Exception {
    try (Hookstream hs =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
            .blobStore(new InMemoryBlobStore())
            .build()
            .start()) {
      Scope scope = TestEngine.newScope(hs);
      String sourceId = hs.sources().create(scope, SourceSpec.builder().name("load").build()).id();
      Map<String, String> sentBodyById = new ConcurrentHashMap<>();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < PER_THREAD; i++) {
                    String body = "{\"thread\":" + thread + ",\"n\":" + i + "}";
                    String id = hs.ingest(sourceId, IngestRequest.json(body)).eventId();
                    assertThat(sentBodyById.put(id, body)).as("event id reused: " + id).isNull();
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      // Page through everything, newest first, and check each event once with its own body.
      Map<String, String> listed = new HashMap<>();
      String after = null;
      String previousId = null;
      int pages = 0;
      do {
        Page<Event> page =
            hs.events().list(scope, EventQuery.ALL, new PageRequest(after, PageRequest.MAX_LIMIT));
        for (Event e : page.items()) {
          if (previousId != null) {
            assertThat(e.id()).as("newest first").isLessThan(previousId);
          }
          previousId = e.id();
          assertThat(listed.put(e.id(), new String(e.body(), StandardCharsets.UTF_8)))
              .as("listed twice: " + e.id())
              .isNull();
        }
        after = page.nextAfter();
        pages++;
      } while (after != null);

      assertThat(listed).hasSize(THREADS * PER_THREAD).isEqualTo(sentBodyById);
      assertThat(pages).isEqualTo(THREADS * PER_THREAD / PageRequest.MAX_LIMIT);
      assertThat(Set.copyOf(listed.values())).hasSize(THREADS * PER_THREAD);
      assertThat(hs.sources().eventCount(scope, sourceId)).isEqualTo(THREADS * PER_THREAD);
    }
  }
}
