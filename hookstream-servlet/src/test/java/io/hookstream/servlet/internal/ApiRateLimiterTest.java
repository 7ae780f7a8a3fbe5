package io.hookstream.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.servlet.RateLimit;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.ManualClock;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fixed windows in a shared key-value store: two nodes count together. */
class RateLimiterTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:30Z"));
  private final KeyValueStore shared = new InMemoryKeyValueStore(clock);
  private final RateLimit fivePerMinute = RateLimit.perMinute(5);

  @Test
  void twoNodesOnOneStoreShareTheBudgetUntilTheWindowEnds() {
    ApiRateLimiter nodeA = new ApiRateLimiter(shared, clock);
    ApiRateLimiter nodeB = new ApiRateLimiter(shared, clock);
    for (int i = 0; i < 5; i++) {
      ApiRateLimiter.Decision d = (i % 2 == 0 ? nodeA : nodeB).hit("org:o1", fivePerMinute);
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(4 - i);
    }
    ApiRateLimiter.Decision over = nodeB.hit("org:o1", fivePerMinute);
    assertThat(over.allowed()).isFalse();
    assertThat(over.remaining()).isZero();
    assertThat(over.resetEpochSeconds())
        .isEqualTo(Instant.parse("2026-03-01T12:01:00Z").getEpochSecond());
    assertThat(over.retryAfterSeconds()).isEqualTo(30);
    assertThat(nodeA.hit("org:o2", fivePerMinute).allowed()).isTrue();

    clock.advance(Duration.ofSeconds(30));
    ApiRateLimiter.Decision fresh = nodeA.hit("org:o1", fivePerMinute);
    assertThat(fresh.allowed()).isTrue();
    assertThat(fresh.remaining()).isEqualTo(4);
  }

  @Test
  void concurrentHitsNeverLetMoreThanTheLimitThrough() throws Exception {
    RateLimit hundred = RateLimit.perMinute(100);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Callable<Integer> worker =
          () -> {
            ApiRateLimiter node = new ApiRateLimiter(shared, clock);
            int allowed = 0;
            for (int i = 0; i < 50; i++) {
              allowed += node.hit("ip:10.0.0.1", hundred).allowed() ? 1 : 0;
            }
            return allowed;
          };
      int total = 0;
      for (Future<Integer> f :
          pool.invokeAll(java.util.Collections.nCopies(8, worker), 10, TimeUnit.SECONDS)) {
        total += f.get();
      }
      assertThat(total).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnreachableStoreLetsRequestsThrough() {
    KeyValueStore down =
        new KeyValueStore() {
          @Override
          public Optional<String> get(String key) {
            throw unavailable();
          }

          @Override
          public void put(String key, String value, Duration ttl) {
            throw unavailable();
          }

          @Override
          public Optional<String> putIfAbsent(String key, String value, Duration ttl) {
            throw unavailable();
          }

          @Override
          public long increment(String key, long delta, Duration ttl) {
            throw unavailable();
          }

          @Override
          public Optional<Duration> ttl(String key) {
            throw unavailable();
          }

          @Override
          public boolean delete(String key) {
            throw unavailable();
          }

          private HookstreamException unavailable() {
            return new HookstreamException(ErrorCode.UNAVAILABLE, "kv down");
          }
        };
    ApiRateLimiter.Decision d = new ApiRateLimiter(down, clock).hit("org:o1", fivePerMinute);
    assertThat(d.allowed()).isTrue();
    assertThat(d.remaining()).isEqualTo(5);
  }
}
