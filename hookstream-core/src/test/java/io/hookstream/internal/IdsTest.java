package io.hookstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsCarryTheMillisecondThenCountUpWithinIt() {
    ManualClock clock = new ManualClock(Instant.ofEpochMilli(0x1A2B));
    Ids ids = new Ids(clock);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      made.add(ids.next("evt"));
    }
    clock.advance(Duration.ofMillis(1));
    String next = ids.next("evt");

    assertThat(made)
        .allSatisfy(
            id -> assertThat(id).matches("evt_[0-9a-f]{32}").startsWith("evt_000000001a2b"));
    assertThat(made).isSorted().doesNotHaveDuplicates();
    assertThat(next).startsWith("evt_000000001a2c");
    assertThat(next).isGreaterThan(made.get(made.size() - 1));
  }
}
