package io.hookstream.stream.internal;

import io.hookstream.spi.ChannelBus;
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
 * The engine's default {@link ChannelBus} when the host gives none: messages reach this JVM's
 * subscribers only. {@link #publish} offers to a bounded queue and returns; one daemon thread
 * hands messages to the listeners in order; a full queue drops the message (counted).
 *
 * <p>Thread-safe. {@link #close()} stops the thread.
 */
public final class LocalChannelBus implements ChannelBus {

  private static final Logger log = LoggerFactory.getLogger(LocalChannelBus.class);

  private final BlockingQueue<BusMessage> queue;
  private final List<Consumer<BusMessage>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  public LocalChannelBus(int capacity, String threadName) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
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
    Consumer<BusMessage> own = Objects.requireNonNull(listener, "listener")::accept;
    listeners.add(own);
    return () -> listeners.remove(own);
  }

  /** Messages dropped because the queue was full or the bus closed. */
  public long droppedCount() {
    return dropped.get();
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  private void run() {
    while (!closed) {
      BusMessage m;
      try {
        m = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      for (Consumer<BusMessage> l : listeners) {
        try {
          l.accept(m);
        } catch (RuntimeException e) {
          log.warn("stream listener failed on {} {}", m.channel(), m.type(), e);
        }
      }
    }
  }
}
