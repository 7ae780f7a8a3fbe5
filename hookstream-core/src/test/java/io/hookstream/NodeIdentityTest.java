package io.hookstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.NodeRecord;
import io.hookstream.store.memory.InMemoryStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An engine's node id: checked when set, random when not, and what it beats as in the store. */
class NodeIdentityTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();

  @Test
  void badNodeIdsAreRejectedWhenSetNamingTheOption() {
    for (String bad : new String[] {null, "", "two words", "../etc", "x".repeat(101), "é"}) {
      assertThatThrownBy(() -> Hookstream.builder().nodeId(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nodeId");
    }
    assertThatThrownBy(() -> Hookstream.builder().heartbeat(Duration.ofSeconds(5), 1))
        .hasMessageContaining("missedHeartbeats");
    assertThatThrownBy(() -> Hookstream.builder().heartbeat(Duration.ZERO, 4))
        .hasMessageContaining("heartbeat interval");
  }

  @Test
  void anEngineBeatsUnderItsNodeIdAndEnginesWithoutOneGetDistinctRandomIds() {
    try (Hookstream named = TestEngine.builder(store, clock).nodeId("eu-west-1.node:7").build();
        Hookstream a = TestEngine.builder(store, clock).build();
        Hookstream b = TestEngine.builder(store, clock).build()) {
      assertThat(named.nodeId()).isEqualTo("eu-west-1.node:7");
      assertThat(a.nodeId()).isNotEqualTo(b.nodeId());

      named.runDueJobs(); // the heartbeat is a background job, due at once
      assertThat(store.nodes().list())
          .containsExactly(new NodeRecord("eu-west-1.node:7", clock.now()));
    }
  }
}
