package io.hookstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.InProcessChannelBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamSubscriptionTest {

  private final InProcessChannelBus bus = new InProcessChannelBus(100, "test-bus");
  private final ChannelBroadcaster broadcaster = new ChannelBroadcaster(bus);

  @AfterEach
  void closeBus() {
    broadcaster.close();
    bus.close();
  }

  /** A sink whose sends complete only when the test says so. */
  static final class ManualSink implements FrameSink {
    final List<String> sent = new ArrayList<>();
    final List<Consumer<Throwable>> pending = new ArrayList<>();
    final List<String> closes = new ArrayList<>();

    @Override
    public synchronized void send(String frame, Consumer<Throwable> done) {
      sent.add(frame);
      pending.add(done);
    }

    @Override
    public synchronized void close(int code, String reason) {
      closes.add(code + " " + reason);
    }

    void completeNext() {
      Consumer<Throwable> done;
      synchronized (this) {
        done = pending.remove(0);
      }
      done.accept(null);
    }
  }

  @Test
  void sendsOneFrameAtATimeInOrder() {
    ManualSink sink = new ManualSink();
    StreamSubscription s = broadcaster.open("org_a", sink, 10);
    s.send("1");
    s.send("2");
    s.send("3");
    assertThat(sink.sent).containsExactly("1");
    sink.completeNext();
    assertThat(sink.sent).containsExactly("1", "2");
    sink.completeNext();
    sink.completeNext();
    assertThat(sink.sent).containsExactly("1", "2", "3");
    assertThat(s.queued()).isZero();
    assertThat(s.isOpen()).isTrue();
  }

  @Test
  void overflowDropsTheQueueAndClosesWith1008AfterTheSendInFlight() {
    ManualSink sink = new ManualSink();
    StreamSubscription s = broadcaster.open("org_a", sink, 3);
    s.subscribe("events");
    for (int i = 0; i < 4; i++) {
      assertThat(s.send("f" + i)).isTrue(); // one in flight, three queued
    }
    assertThat(s.send("overflow")).isFalse();
    assertThat(s.isOpen()).isFalse();
    assertThat(s.closeCode()).isEqualTo(StreamSubscription.CLOSE_TOO_SLOW);
    assertThat(s.channels()).isEmpty();
    assertThat(broadcaster.openSubscriptions()).isZero();
    assertThat(sink.closes).isEmpty(); // waits for the frame being written

    sink.completeNext();
    assertThat(sink.closes)
        .containsExactly("1008 subscriber too slow: 3 messages waiting to be" + " sent");
    assertThat(sink.sent).containsExactly("f0"); // queued frames were dropped
    assertThat(s.send("late")).isFalse();
  }

  @Test
  void closesAtOnceWhenNothingIsInFlight() {
    ManualSink sink = new ManualSink();
    StreamSubscription s = broadcaster.open("org_a", sink, 3);
    s.closeAfterSend(1001, "bye");
    assertThat(sink.closes).containsExactly("1001 bye");
    s.closeAfterSend(1001, "again");
    assertThat(sink.closes).hasSize(1);
  }

  @Test
  void aFailedSendClosesWith1011() {
    ManualSink sink = new ManualSink();
    StreamSubscription s = broadcaster.open("org_a", sink, 3);
    s.send("a");
    s.send("b");
    Consumer<Throwable> done = sink.pending.remove(0);
    done.accept(new java.io.IOException("broken pipe"));
    assertThat(sink.closes).containsExactly("1011 send failed: IOException");
    assertThat(sink.sent).containsExactly("a");
  }

  @Test
  void inlineCompletionsDoNotRecurse() {
    List<String> sent = new ArrayList<>();
    FrameSink inline =
        new FrameSink() {
          @Override
          public void send(String frame, Consumer<Throwable> done) {
            sent.add(frame);
            done.accept(null);
          }

          @Override
          public void close(int code, String reason) {}
        };
    StreamSubscription s = broadcaster.open("org_a", inline, 10);
    for (int i = 0; i < 100_000; i++) {
      s.send(Integer.toString(i));
    }
    assertThat(sent).hasSize(100_000).startsWith("0", "1").endsWith("99999");
  }

  @Test
  void concurrentPublishersNeverOverlapSendsAndLoseNothing() throws Exception {
    ExecutorService completer = Executors.newFixedThreadPool(2);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    ConcurrentLinkedQueue<String> sent = new ConcurrentLinkedQueue<>();
    FrameSink async =
        new FrameSink() {
          @Override
          public void send(String frame, Consumer<Throwable> done) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sent.add(frame);
            completer.execute(
                () -> {
                  inFlight.decrementAndGet();
                  done.accept(null);
                });
          }

          @Override
          public void close(int code, String reason) {}
        };
    StreamSubscription s = broadcaster.open("org_a", async, 100_000);
    int threads = 4;
    int each = 5_000;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService publishers = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      int id = t;
      publishers.execute(
          () -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            for (int i = 0; i < each; i++) {
              s.send(id + ":" + i);
            }
          });
    }
    go.countDown();
    publishers.shutdown();
    assertThat(publishers.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (sent.size() < threads * each && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    completer.shutdown();
    assertThat(sent).hasSize(threads * each);
    assertThat(maxInFlight.get()).isEqualTo(1);
    // Each publisher's frames keep their order.
    int[] next = new int[threads];
    for (String f : sent) {
      int t = Integer.parseInt(f.substring(0, f.indexOf(':')));
      assertThat(Integer.parseInt(f.substring(f.indexOf(':') + 1))).isEqualTo(next[t]++);
    }
  }
}
