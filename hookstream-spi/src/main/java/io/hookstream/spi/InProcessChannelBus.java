package io.hookstream.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChannelBus} inside one JVM. {@link #publish} only offers the message to a bounded queue
 * and returns; one daemon thread per bus hands queued messages to the subscribers in order. When
 * the queue is full the message is dropped and counted ({@link #droppedCount()}), as the bus is
 * best effort. A listener that throws is logged and does not stop the others.
 *
 * <p>Thread-safe. {@link #close()} stops the thread; messages published afterwards are dropped.
 */
public final class InProcessChannelBus implements ChannelBus {

  /** Queue capacity of {@link #InProcessChannelBus()}. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final Logger log = LoggerFactory.getLogger(InProcessChannelBus.class);

  private final BlockingQueue<BusMessage> queue;
  private final List<Consumer<BusMessage>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread dispatcher;
  private volatile boolean closed;

  /** A bus holding up to {@link #DEFAULT_CAPACITY} undelivered messages. */
  public InProcessChannelBus() {
    this(DEFAULT_CAPACITY);
  }

  /** A bus holding up to {@code capacity} undelivered messages. */
  public InProcessChannelBus(int capacity) {
    this(capacity, "hookstream-channel-bus");
  }

  /** A bus holding up to {@code capacity} undelivered messages, dispatching on {@code thread}. */
  public InProcessChannelBus(int capacity, String threadName) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.dispatcher = new Thread(this::dispatch, threadName);
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  @Override
  public void publish(BusMessage message) {
    Objects.requireNonNull(message, "message");
    if (closed || !queue.offer(message)) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<BusMessage> listener) {
    Objects.requireNonNull(listener, "listener");
    // A wrapper per subscription, so one listener subscribed twice unsubscribes one at a time.
    Consumer<BusMessage> subscription = listener::accept;
    listeners.add(subscription);
    return () -> listeners.remove(subscription);
  }

  /** The name of the bus's dispatcher thread, for diagnostics. */
  public String threadName() {
    return dispatcher.getName();
  }

  /** Messages dropped because the queue was full or the bus closed. */
  public long droppedCount() {
    return dropped.get();
  }

  @Override
  public void close() {
    closed = true;
    dispatcher.interrupt();
  }

  private void dispatch() {
    while (!closed) {
      BusMessage message;
      try {
        message = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      for (Consumer<BusMessage> listener : listeners) {
        try {
          listener.accept(message);
        } catch (RuntimeException e) {
          log.warn("channel bus listener failed on {} {}", message.channel(), message.type(), e);
        }
      }
    }
  }
}
