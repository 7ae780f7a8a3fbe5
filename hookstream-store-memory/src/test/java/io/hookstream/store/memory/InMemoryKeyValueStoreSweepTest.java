package io.hookstream.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Expired keys that are never read again are still removed, so memory follows the live keys. */
class InMemoryKeyValueStoreSweepTest {

  @Test
  void writesSweepExpiredKeysThatAreNeverRead() {
    ManualClock clock = new ManualClock();
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore(clock);
    for (int i = 0; i < 5000; i++) {
      kv.put("dedup:" + i, "evt", Duration.ofMinutes(5));
    }
    clock.advance(Duration.ofMinutes(6));
    // A sweep runs once the writes since the last one reach half the map's size.
    for (int i = 0; i < 6000; i++) {
      kv.putIfAbsent("fresh:" + i, "evt", Duration.ofMinutes(5));
    }
    assertThat(kv.size()).isEqualTo(6000);
    assertThat(kv.get("fresh:5999")).contains("evt");
    assertThat(kv.get("dedup:1")).isEmpty();
  }
}
