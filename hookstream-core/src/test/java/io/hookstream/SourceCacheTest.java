package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.source.Source;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's cache of sources for ingest: a change through this engine is seen by the next
 * webhook; a change made straight in the shared store (as another engine would make it) only after
 * the cache TTL. Requests come from 127.0.0.1, so a denylist of it makes the change visible as a
 * 403.
 */
class SourceCacheTest {

  private static final Duration TTL = Duration.ofSeconds(3);
  private static final List<String> DENY_LOCAL = List.of("127.0.0.1");

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();
  private Hookstream hs;
  private Scope scope;

  private void start(Duration ttl) {
    hs = TestEngine.builder(store, clock).sourceCacheTtl(ttl).build().start();
    scope = TestEngine.newScope(hs);
  }

  /** Starts an engine and a plain source that has taken one webhook, so it is cached. */
  private String cachedSource(Duration ttl) {
    start(ttl);
    String src = hs.sources().create(scope, SourceSpec.builder().name("Cached").build()).id();
    assertThat(accepted(src)).isTrue();
    return src;
  }

  @AfterEach
  void tearDown() {
    hs.close();
  }

  private boolean accepted(String sourceId) {
    try {
      hs.ingest(sourceId, IngestRequest.json("{\"n\":1}"));
      return true;
    } catch (HookstreamException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
      return false;
    }
  }

  private void assertNotFound(String sourceId) {
    assertThatThrownBy(() -> hs.ingest(sourceId, IngestRequest.json("{}")))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  /** What another engine sharing the store would do: write the next version directly. */
  private void denyLocalInStore(String sourceId) {
    SourceRecord s = store.sources().findForIngest(sourceId).orElseThrow();
    assertThat(
            store
                .sources()
                .update(
                    new SourceRecord(
                        s.id(),
                        s.orgId(),
                        s.envId(),
                        s.name(),
                        s.slug(),
                        s.description(),
                        s.template(),
                        s.verification(),
                        s.ipAllowlist(),
                        DENY_LOCAL,
                        s.dedup(),
                        s.schema(),
                        s.version() + 1,
                        s.createdAt(),
                        clock.now(),
                        null)))
        .isTrue();
  }

  @Test
  void anUpdateThroughThisEngineIsSeenByTheNextIngest() {
    String src = cachedSource(TTL);

    hs.sources().update(scope, src, b -> b.ipDenylist(DENY_LOCAL));

    assertThat(accepted(src)).as("no clock movement needed").isFalse();
  }

  @Test
  void aChangeMadeInTheStoreIsSeenAfterTheTtlAndNotBefore() {
    String src = cachedSource(TTL);

    denyLocalInStore(src);
    assertThat(accepted(src)).as("still the cached version").isTrue();
    clock.advance(TTL.minusMillis(1));
    assertThat(accepted(src)).as("1 ms before the TTL").isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(accepted(src)).as("at the TTL").isFalse();
  }

  @Test
  void aSourceDeletedThroughThisEngineAnswers404AtOnce() {
    String src = cachedSource(TTL);

    hs.sources().delete(scope, src);

    assertNotFound(src);
  }

  @Test
  void aSourceDeletedInTheStoreAnswers404AfterTheTtl() {
    String src = cachedSource(TTL);

    assertThat(store.sources().delete(scope, src, clock.now())).isTrue();
    assertThat(accepted(src)).as("within the TTL the cached source still takes webhooks").isTrue();
    clock.advance(TTL);

    assertNotFound(src);
  }

  @Test
  void aSourceCreatedInTheStoreIsFoundAtOnceBecauseMissesAreNotCached() {
    start(TTL);
    String unknown = "src_00000000000000000000000000000001";
    assertNotFound(unknown);
    Source made = hs.sources().create(scope, SourceSpec.builder().name("Later").build());
    SourceRecord planted =
        new SourceRecord(
            unknown,
            made.orgId(),
            made.envId(),
            "Planted",
            "planted",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            1,
            clock.now(),
            clock.now(),
            null);
    store.sources().insert(planted);

    assertThat(accepted(unknown)).isTrue();
  }

  @Test
  void aZeroTtlReadsTheStoreOnEveryIngest() {
    String src = cachedSource(Duration.ZERO);

    denyLocalInStore(src);

    assertThat(accepted(src)).isFalse();
  }

  @Test
  void aNegativeTtlIsRefused() {
    assertThatThrownBy(() -> Hookstream.builder().sourceCacheTtl(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sourceCacheTtl");
    hs = TestEngine.start(clock);
  }
}
