package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link KeyValueStore} must pass. Extend it and implement {@link
 * #createKeyValueStore}, which is called once before every test with that test's clock; override
 * {@link #releaseKeyValueStore} to clean up. Each test uses keys under its own fresh prefix, so the
 * suite also runs against a shared database.
 */
public abstract class KeyValueStoreContract {

  /** Subclasses bind the suite to one implementation. */
  protected KeyValueStoreContract() {}

  /** The clock of the current test; the store must expire keys by it. */
  protected ManualClock clock;

  /** The store under test. */
  protected KeyValueStore kv;

  private final ContractIds ids = new ContractIds();
  private String prefix;

  /** Creates the store under test, expiring keys by {@code clock}; called once per test. */
  protected abstract KeyValueStore createKeyValueStore(ManualClock clock);

  /** Called once after each test. */
  protected void releaseKeyValueStore(KeyValueStore kv) throws Exception {}

  @BeforeEach
  final void createStore() {
    clock = new ManualClock();
    kv = createKeyValueStore(clock);
    prefix = ids.next("kv") + ":";
  }

  @AfterEach
  final void release() throws Exception {
    releaseKeyValueStore(kv);
  }

  private String key(String name) {
    return prefix + name;
  }

  @Test
  void putGetReplaceAndDelete() {
    String k = key("a");
    assertThat(kv.get(k)).isEmpty();
    assertThat(kv.ttl(k)).isEmpty();
    kv.put(k, "one", Duration.ofSeconds(60));
    kv.put(key("b"), "other", Duration.ofSeconds(60));
    assertThat(kv.get(k)).contains("one");
    assertThat(kv.ttl(k)).contains(Duration.ofSeconds(60));

    clock.advance(Duration.ofSeconds(20));
    assertThat(kv.ttl(k)).contains(Duration.ofSeconds(40));
    kv.put(k, "two", Duration.ofSeconds(90));
    assertThat(kv.get(k)).contains("two");
    assertThat(kv.ttl(k)).contains(Duration.ofSeconds(90));

    assertThat(kv.delete(k)).isTrue();
    assertThat(kv.get(k)).isEmpty();
    assertThat(kv.delete(k)).isFalse();
    assertThat(kv.get(key("b"))).contains("other");
  }

  @Test
  void purgeExpiredKeepsLiveEntries() {
    String gone = key("gone");
    String kept = key("kept");
    kv.put(gone, "old", Duration.ofSeconds(10));
    kv.put(kept, "new", Duration.ofHours(1));
    clock.advance(Duration.ofSeconds(11));
    int purged = 0;
    for (int round = 0; round < 1000; round++) { // a shared database may hold others' rows
      int n = kv.purgeExpired(100);
      purged += n;
      if (n < 100) {
        break;
      }
    }
    assertThat(purged).isGreaterThanOrEqualTo(0);
    assertThat(kv.get(gone)).isEmpty();
    assertThat(kv.get(kept)).contains("new");
    assertThat(kv.ttl(kept)).contains(Duration.ofHours(1).minusSeconds(11));
  }

  @Test
  void keysExpireWhenTheClockPassesTheirTtl() {
    String k = key("short");
    kv.put(k, "v", Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(kv.get(k)).contains("v");
    assertThat(kv.ttl(k)).contains(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    assertThat(kv.get(k)).isEmpty();
    assertThat(kv.ttl(k)).isEmpty();
    assertThat(kv.delete(k)).isFalse();
  }

  @Test
  void putIfAbsentReturnsTheLiveValueToTheLoser() {
    String k = key("dedup");
    assertThat(kv.putIfAbsent(k, "evt_1", Duration.ofMinutes(5))).isEmpty();
    assertThat(kv.putIfAbsent(k, "evt_2", Duration.ofMinutes(5))).contains("evt_1");
    assertThat(kv.get(k)).contains("evt_1");

    clock.advance(Duration.ofMinutes(4));
    assertThat(kv.putIfAbsent(k, "evt_3", Duration.ofMinutes(5))).contains("evt_1");
    assertThat(kv.ttl(k)).contains(Duration.ofMinutes(1));

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(kv.putIfAbsent(k, "evt_4", Duration.ofMinutes(5))).isEmpty();
    assertThat(kv.get(k)).contains("evt_4");
    assertThat(kv.ttl(k)).contains(Duration.ofMinutes(5));
  }

  @Test
  void incrementCountsInAFixedWindow() {
    String k = key("rate");
    assertThat(kv.increment(k, 1, Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(kv.increment(k, 5, Duration.ofSeconds(60))).isEqualTo(6);
    clock.advance(Duration.ofSeconds(30));
    assertThat(kv.increment(k, 1, Duration.ofSeconds(60))).isEqualTo(7);
    assertThat(kv.ttl(k)).contains(Duration.ofSeconds(30)); // the window is not extended
    assertThat(kv.increment(k, -2, Duration.ofSeconds(60))).isEqualTo(5);
    assertThat(kv.get(k)).contains("5");

    clock.advance(Duration.ofSeconds(31));
    assertThat(kv.get(k)).isEmpty();
    assertThat(kv.increment(k, 1, Duration.ofSeconds(60))).isEqualTo(1);
    assertThat(kv.ttl(k)).contains(Duration.ofSeconds(60));
  }

  @Test
  void racingPutIfAbsentHasExactlyOneWinner() throws Exception {
    String k = key("race");
    List<Optional<String>> results =
        Concurrently.run(16, i -> () -> kv.putIfAbsent(k, "writer-" + i, Duration.ofMinutes(1)));
    List<Integer> winners =
        IntStream.range(0, results.size()).filter(i -> results.get(i).isEmpty()).boxed().toList();
    assertThat(winners).hasSize(1);
    String winner = "writer-" + winners.get(0);
    assertThat(results).allSatisfy(r -> assertThat(r.orElse(winner)).isEqualTo(winner));
    assertThat(kv.get(k)).contains(winner);
  }

  @Test
  void racingIncrementsAreNotLost() throws Exception {
    String k = key("counter");
    int threads = 16;
    int perThread = 1000;
    Concurrently.run(
        threads,
        i ->
            () -> {
              for (int n = 0; n < perThread; n++) {
                kv.increment(k, 1, Duration.ofMinutes(1));
              }
              return null;
            });
    assertThat(kv.get(k)).contains(Long.toString((long) threads * perThread));
  }
}
