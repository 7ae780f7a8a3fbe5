package io.hookstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache as ingest uses it for sources: one store read per TTL, bounded, never stale. */
class ExpiringCacheTest {

  private static final Duration TTL = Duration.ofSeconds(5);

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();
  private final AtomicInteger reads = new AtomicInteger();
  private final Function<String, Optional<SourceRecord>> loader =
      id -> {
        reads.incrementAndGet();
        return store.sources().findForIngest(id);
      };
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private SourceRecord source(String id, long version) {
    return new SourceRecord(
        id,
        "org_1",
        "env_1",
        "s",
        "s-" + id,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        version,
        clock.now(),
        clock.now(),
        null);
  }

  @Test
  void oneStoreReadServesEveryLookupWithinTheTtl() {
    store.sources().insert(source("src_a", 1));
    ExpiringCache<String, SourceRecord> cache = new ExpiringCache<>(clock, TTL, 100);

    for (int i = 0; i < 50; i++) {
      assertThat(cache.get("src_a", loader)).get().extracting(SourceRecord::version).isEqualTo(1L);
    }
    assertThat(reads).hasValue(1);

    clock.advance(TTL);
    cache.get("src_a", loader);
    assertThat(reads).hasValue(2);
  }

  @Test
  void unknownIdsAreReadEveryTimeAndNeverKept() {
    ExpiringCache<String, SourceRecord> cache = new ExpiringCache<>(clock, TTL, 100);
    cache.get("src_missing", loader);
    cache.get("src_missing", loader);
    assertThat(reads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void theCacheNeverHoldsMoreThanItsBound() {
    ExpiringCache<String, SourceRecord> cache = new ExpiringCache<>(clock, TTL, 10);
    for (int i = 0; i < 100; i++) {
      store.sources().insert(source("src_" + i, 1));
      cache.get("src_" + i, loader);
      assertThat(cache.size()).isLessThanOrEqualTo(10);
    }
    assertThat(cache.get("src_99", loader)).isPresent();
  }

  /**
   * A lookup that read the old version while this engine changed the source must not keep it:
   * otherwise the change would wait for the TTL although it was made here.
   */
  @Test
  void aLoadRacingAnInvalidationKeepsNothingStale() throws Exception {
    store.sources().insert(source("src_r", 1));
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ExpiringCache<String, SourceRecord> cache = new ExpiringCache<>(clock, TTL, 100);
    Function<String, Optional<SourceRecord>> racing =
        id -> {
          Optional<SourceRecord> found = store.sources().findForIngest(id);
          if (calls.incrementAndGet() == 1) {
            read.countDown();
            await(proceed);
          }
          return found;
        };

    Future<Optional<SourceRecord>> slow = pool.submit(() -> cache.get("src_r", racing));
    assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(store.sources().update(source("src_r", 2))).isTrue();
    cache.invalidate("src_r");
    proceed.countDown();

    assertThat(slow.get(5, TimeUnit.SECONDS)).get().extracting(SourceRecord::version).isEqualTo(1L);
    assertThat(cache.get("src_r", racing)).get().extracting(SourceRecord::version).isEqualTo(2L);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withoutATtlACompiledValueIsKeptUntilItIsEvictedOrInvalidated() {
    ExpiringCache<String, String> compiled = new ExpiringCache<>(2);
    AtomicInteger compiles = new AtomicInteger();
    Function<String, String> compiler = key -> key + "#" + compiles.incrementAndGet();

    assertThat(compiled.load("src_a@1", compiler)).isEqualTo("src_a@1#1");
    clock.advance(Duration.ofDays(365));
    assertThat(compiled.load("src_a@1", compiler)).isEqualTo("src_a@1#1");
    compiled.load("src_b@1", compiler);
    compiled.load("src_c@1", compiler);
    assertThat(compiled.size()).isEqualTo(2);

    compiled.invalidate("src_c@1");
    assertThat(compiled.load("src_c@1", compiler)).isEqualTo("src_c@1#4");
  }
}
