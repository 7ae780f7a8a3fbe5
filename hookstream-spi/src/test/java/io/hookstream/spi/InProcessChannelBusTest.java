package io.hookstream.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.ChannelBus.BusMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessChannelBusTest {

  private final InProcessChannelBus bus = new InProcessChannelBus(4);

  @AfterEach
  void close() {
    bus.close();
  }

  private static BusMessage message(int n) {
    return new BusMessage("org_1", "events:src_1", "event", "{\"n\":" + n + "}");
  }

  @Test
  void publishReachesEverySubscriberInOrder() throws Exception {
    List<BusMessage> first = new CopyOnWriteArrayList<>();
    List<BusMessage> second = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(6);
    bus.subscribe(
        m -> {
          first.add(m);
          done.countDown();
        });
    bus.subscribe(
        m -> {
          second.add(m);
          done.countDown();
        });
    for (int n = 0; n < 3; n++) {
      bus.publish(message(n));
    }
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(first).containsExactly(message(0), message(1), message(2));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aBlockedListenerNeitherBlocksPublishNorLosesQueuedMessages() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<BusMessage> received = new CopyOnWriteArrayList<>();
    CountDownLatch fiveReceived = new CountDownLatch(5);
    bus.subscribe(
        m -> {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          received.add(m);
          fiveReceived.countDown();
        });
    bus.publish(message(0));
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    ExecutorService publisher = Executors.newSingleThreadExecutor();
    try {
      // The listener holds message 0: four fit in the queue, the other six are dropped.
      publisher
          .submit(
              () -> {
                for (int n = 1; n <= 10; n++) {
                  bus.publish(message(n));
                }
              })
          .get(5, TimeUnit.SECONDS);
    } finally {
      publisher.shutdownNow();
    }
    assertThat(bus.droppedCount()).isEqualTo(6);

    release.countDown();
    assertThat(fiveReceived.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(received)
        .containsExactly(message(0), message(1), message(2), message(3), message(4));
  }

  @Test
  void closingASubscriptionUnsubscribes() throws Exception {
    List<BusMessage> unsubscribed = new CopyOnWriteArrayList<>();
    CountDownLatch firstSeen = new CountDownLatch(1);
    AutoCloseable handle =
        bus.subscribe(
            m -> {
              unsubscribed.add(m);
              firstSeen.countDown();
            });
    CountDownLatch twoSeen = new CountDownLatch(2);
    bus.subscribe(m -> twoSeen.countDown());

    bus.publish(message(1));
    assertThat(firstSeen.await(5, TimeUnit.SECONDS)).isTrue();
    handle.close();
    bus.publish(message(2));
    assertThat(twoSeen.await(5, TimeUnit.SECONDS)).isTrue();
    // Listeners run in subscription order, so the first one would have seen message 2 by now.
    assertThat(unsubscribed).containsExactly(message(1));
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() throws Exception {
    CountDownLatch seen = new CountDownLatch(2);
    bus.subscribe(
        m -> {
          throw new IllegalStateException("listener bug");
        });
    bus.subscribe(m -> seen.countDown());
    bus.publish(message(1));
    bus.publish(message(2));
    assertThat(seen.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void closeStopsTheDispatcherAndDropsLaterMessages() throws Exception {
    Thread dispatcher =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(bus.threadName()))
            .findFirst()
            .orElseThrow();
    List<BusMessage> received = new CopyOnWriteArrayList<>();
    bus.subscribe(received::add);
    bus.close();
    dispatcher.join(5000);
    assertThat(dispatcher.isAlive()).isFalse();
    bus.publish(message(1));
    assertThat(bus.droppedCount()).isEqualTo(1);
    assertThat(received).isEmpty();
  }
}
