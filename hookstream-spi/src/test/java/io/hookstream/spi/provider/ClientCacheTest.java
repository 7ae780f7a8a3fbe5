package io.hookstream.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** One client per destination: reused, replaced on a settings change, closed when let go. */
class ClientCacheTest {

  private static final class Client implements AutoCloseable {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  private final ClientCache<Client> cache = new ClientCache<>();

  @Test
  void reusesTheClientUntilTheKeyChangesThenClosesTheOldOne() {
    Client first = cache.get("dst_a", "v1", Client::new);
    assertThat(cache.get("dst_a", "v1", Client::new)).isSameAs(first);

    Client second = cache.get("dst_a", "v2", Client::new);
    assertThat(second).isNotSameAs(first);
    assertThat(first.closed).isTrue();
    assertThat(second.closed).isFalse();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void releasingAStaleClientLeavesItsReplacementOpen() {
    Client failed = cache.get("dst_a", "v1", Client::new);
    Client replacement = cache.get("dst_a", "v2", Client::new);

    cache.release("dst_a", failed);
    assertThat(replacement.closed).isFalse();
    assertThat(cache.get("dst_a", "v2", Client::new)).isSameAs(replacement);

    cache.release("dst_a", replacement);
    assertThat(replacement.closed).isTrue();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aFactoryFailureReachesTheCallerAndCachesNothing() {
    assertThatThrownBy(
            () ->
                cache.get(
                    "dst_a",
                    "v1",
                    () -> {
                      throw new IOException("connection refused");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("connection refused");
    assertThat(cache.size()).isZero();
  }

  @Test
  void closeClosesEveryClientAndRefusesNewOnes() {
    Client a = cache.get("dst_a", "v1", Client::new);
    Client b = cache.get("dst_b", "v1", Client::new);

    cache.close();

    assertThat(a.closed).isTrue();
    assertThat(b.closed).isTrue();
    assertThatThrownBy(() -> cache.get("dst_a", "v1", Client::new))
        .isInstanceOf(IllegalStateException.class);
  }
}
