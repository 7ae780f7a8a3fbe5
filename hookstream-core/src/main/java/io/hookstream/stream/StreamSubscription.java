package io.hookstream.stream;

import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One live connection's view of its organization's stream: the channels it subscribed to and a
 * bounded outbound queue drained by one asynchronous send at a time through its {@link FrameSink}.
 * Publishing threads only enqueue. When the queue is full the subscriber is too slow: the queue is
 * dropped and the connection closed with {@link #CLOSE_TOO_SLOW} and a reason (after the send in
 * flight, if any, completes), so one slow reader never holds up anyone else.
 *
 * <p>Thread-safe. After {@link #close} every method is a no-op.
 */
public final class StreamSubscription implements AutoCloseable {

  /** Close code for a subscriber that fell behind: 1008 (policy violation). */
  public static final int CLOSE_TOO_SLOW = 1008;

  /** Close code for a transport failure while sending: 1011 (internal error). */
  public static final int CLOSE_SEND_FAILED = 1011;

  private final ChannelBroadcaster broadcaster;
  private final String orgId;
  private final FrameSink sink;
  private final int capacity;
  private final Set<String> channels = ConcurrentHashMap.newKeySet();
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String pendingCloseReason;
  private volatile int pendingCloseCode;

  StreamSubscription(ChannelBroadcaster broadcaster, String orgId, FrameSink sink, int capacity) {
    this.broadcaster = broadcaster;
    this.orgId = Objects.requireNonNull(orgId, "orgId");
    this.sink = Objects.requireNonNull(sink, "sink");
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** The organization whose messages this subscription receives. */
  public String orgId() {
    return orgId;
  }

  /** Starts receiving {@code channel}'s messages; the caller has validated the name. */
  public void subscribe(String channel) {
    if (isOpen() && channels.add(channel)) {
      broadcaster.index(this, channel);
      if (!isOpen()) {
        broadcaster.unindex(this, channel); // closed meanwhile: do not leave it indexed
      }
    }
  }

  /** Stops receiving {@code channel}'s messages. Returns whether it was subscribed. */
  public boolean unsubscribe(String channel) {
    boolean removed = channels.remove(channel);
    if (removed) {
      broadcaster.unindex(this, channel);
    }
    return removed;
  }

  /** How many channels are subscribed to now. */
  public int channelCount() {
    return channels.size();
  }

  /** The channels subscribed to now. */
  public Set<String> channels() {
    return Set.copyOf(channels);
  }

  /**
   * Queues one text frame for sending (a reply, a heartbeat, or a broadcast). Returns false when
   * the subscription is closed or the queue overflowed, in which case it is now closing.
   */
  public boolean send(String frame) {
    if (closed.get() || pendingCloseReason != null) {
      return false;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      closeAfterSend(
          CLOSE_TOO_SLOW, "subscriber too slow: " + capacity + " messages waiting to be sent");
      return false;
    }
    queue.add(frame);
    drain();
    return true;
  }

  /** Frames waiting to be sent (not counting the one in flight). */
  public int queued() {
    return queued.get();
  }

  /** The close code asked for by {@link #closeAfterSend} or a failed send; 0 while open. */
  public int closeCode() {
    return pendingCloseReason == null ? 0 : pendingCloseCode;
  }

  /** The close reason asked for, or null while open. */
  public String closeReason() {
    return pendingCloseReason;
  }

  public boolean isOpen() {
    return !closed.get() && pendingCloseReason == null;
  }

  /**
   * Drops what is queued and closes the connection with {@code code} and {@code reason}, after the
   * send in flight completes. Idempotent.
   */
  public void closeAfterSend(int code, String reason) {
    if (closed.get() || pendingCloseReason != null) {
      return;
    }
    pendingCloseCode = code;
    pendingCloseReason = reason;
    detach();
    discardQueue();
    if (sending.compareAndSet(false, true)) {
      finishClose();
    }
  }

  /** Stops receiving without closing the transport: the connection has closed already. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      detach();
      discardQueue();
    }
  }

  private void detach() {
    for (String channel : channels) {
      broadcaster.unindex(this, channel);
    }
    channels.clear();
    broadcaster.forget(this);
  }

  private void discardQueue() {
    while (queue.poll() != null) {
      queued.decrementAndGet();
    }
  }

  private void finishClose() {
    if (closed.compareAndSet(false, true)) {
      sink.close(pendingCloseCode, pendingCloseReason);
    }
  }

  /** Sends queued frames one at a time; the thread that wins {@code sending} runs the loop. */
  private void drain() {
    while (sending.compareAndSet(false, true)) {
      if (!sendSome()) {
        return;
      }
      // sendSome released the flag with the queue empty; loop in case a frame raced in.
      if (queue.isEmpty()) {
        return;
      }
    }
  }

  /**
   * Called holding {@code sending}. Returns true when it released the flag on an empty queue, false
   * when a send is still in flight (its completion continues the loop).
   */
  private boolean sendSome() {
    while (true) {
      if (pendingCloseReason != null) {
        finishClose();
        return false;
      }
      String frame = queue.poll();
      if (frame == null) {
        sending.set(false);
        if (pendingCloseReason != null && sending.compareAndSet(false, true)) {
          finishClose();
          return false;
        }
        return true;
      }
      queued.decrementAndGet();
      if (closed.get()) {
        sending.set(false);
        return false;
      }
      AtomicBoolean handoff = new AtomicBoolean();
      sink.send(
          frame,
          error -> {
            if (error != null) {
              closeAfterFailure(error);
            }
            if (!handoff.compareAndSet(false, true)) {
              // The sender already returned: continue the loop on the completing thread.
              if (sendSome()) {
                drain();
              }
            }
          });
      if (!handoff.compareAndSet(false, true)) {
        continue; // completed inline: keep going on this thread
      }
      return false;
    }
  }

  private void closeAfterFailure(Throwable error) {
    if (pendingCloseReason == null && !closed.get()) {
      pendingCloseCode = CLOSE_SEND_FAILED;
      pendingCloseReason = "send failed: " + error.getClass().getSimpleName();
      detach();
      discardQueue();
    }
  }
}
