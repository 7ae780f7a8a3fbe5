package io.hookstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reconnection against a port where nothing listens: every attempt fails, and the injected
 * scheduler records the delays the client asks for and runs the retry at once (no waiting).
 */
class HookstreamStreamReconnectTest {

  @Test
  void failedConnectsBackOffOneTwoFourUpToThirtySeconds() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: connecting is refused
    }
    List<Duration> delays = new CopyOnWriteArrayList<>();
    List<Integer> codes = new CopyOnWriteArrayList<>();
    CountDownLatch sevenFailures = new CountDownLatch(7);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    HookstreamStream stream =
        HookstreamStream.builder(URI.create("ws://127.0.0.1:" + port + "/v1/ws"))
            .token("hs_live_" + "a".repeat(64))
            .listener(
                new StreamListener() {
                  @Override
                  public void onMessage(StreamMessage message) {}

                  @Override
                  public void onDisconnected(int code, String reason, Duration retryIn) {
                    codes.add(code);
                  }
                })
            .reconnectScheduler(
                (task, delay) -> {
                  delays.add(delay);
                  sevenFailures.countDown();
                  if (delays.size() < 7) {
                    runner.execute(task);
                  }
                })
            .build();
    try {
      stream.subscribe("events");
      stream.connect();
      assertThat(sevenFailures.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(delays)
          .extracting(Duration::toSeconds)
          .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
      assertThat(codes).hasSize(7).containsOnly(1006);
      assertThat(stream.isConnected()).isFalse();
      assertThat(stream.connectionCount()).isZero();
      assertThat(stream.channels()).containsExactly("events");
    } finally {
      stream.close();
      runner.shutdownNow();
    }
    assertThatThrownBy(stream::connect).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyWebSocketUrlsAreAccepted() {
    assertThatThrownBy(() -> HookstreamStream.builder(URI.create("http://localhost/v1/ws")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HookstreamStream.builder(URI.create("ws://localhost/v1/ws")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listener");
  }
}
