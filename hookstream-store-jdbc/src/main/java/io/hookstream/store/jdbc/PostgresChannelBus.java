package io.hookstream.store.jdbc;

import io.hookstream.spi.ChannelBus;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.store.jdbc.internal.BusCodec;
import io.hookstream.store.jdbc.internal.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChannelBus} over PostgreSQL {@code LISTEN/NOTIFY}: every bus on the same database and
 * channel receives what any of them publishes (itself included). A listener thread holds one
 * connection of its own that {@code LISTEN}s; a sender thread publishes queued messages with {@code
 * SELECT pg_notify(channel, payload)}, so {@link #publish} never waits on the database. A message
 * whose payload would pass PostgreSQL's 8000-byte NOTIFY limit is written to the {@link
 * KeyValueStore} under {@code bus/<uuid>} with a short TTL and sent by reference.
 *
 * <p>Thread-safe. Best effort, like every bus: a message published while the database is down, or
 * that overflows the send queue, is dropped and counted ({@link #droppedCount()}); messages
 * notified while the listener is reconnecting are missed. After a database restart the listener
 * reconnects by itself (retrying every {@code reconnectDelay}). Needs the PostgreSQL JDBC driver
 * ({@code org.postgresql:postgresql}); the listening connection must unwrap to {@link
 * PGConnection}, which pgjdbc's own and HikariCP's connections do.
 */
public final class PostgresChannelBus implements ChannelBus {

  /** The NOTIFY channel of {@link #create}. */
  public static final String DEFAULT_CHANNEL = "hookstream_bus";

  /** How long a large message's payload is kept for the receivers to fetch. */
  public static final Duration LARGE_MESSAGE_TTL = Duration.ofMinutes(5);

  /** Payloads up to this many UTF-8 bytes go inline; PostgreSQL refuses 8000 and more. */
  public static final int INLINE_LIMIT = 7900;

  private static final int QUEUE_CAPACITY = 10_000;
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Logger log = LoggerFactory.getLogger(PostgresChannelBus.class);

  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final KeyValueStore largeMessages;
  private final String channel;
  private final Duration reconnectDelay;
  private final List<Consumer<BusMessage>> listeners = new CopyOnWriteArrayList<>();
  private final BlockingQueue<BusMessage> outbox = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread listener;
  private final Thread sender;
  private volatile boolean closed;
  private volatile boolean listening;

  private PostgresChannelBus(
      DataSource dataSource, KeyValueStore largeMessages, String channel, Duration reconnectDelay) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
    this.largeMessages = largeMessages;
    this.channel = channel;
    this.reconnectDelay = reconnectDelay;
    String id = Integer.toHexString(System.identityHashCode(this));
    this.listener = new Thread(this::listen, "hookstream-pg-bus-listen@" + id);
    this.sender = new Thread(this::send, "hookstream-pg-bus-send@" + id);
    listener.setDaemon(true);
    sender.setDaemon(true);
    listener.start();
    sender.start();
  }

  /**
   * A bus on channel {@value #DEFAULT_CHANNEL}. {@code largeMessages} holds payloads over the
   * NOTIFY limit (use the store's {@link JdbcStores#keyValueStore()}, shared by every node).
   */
  public static PostgresChannelBus create(DataSource dataSource, KeyValueStore largeMessages) {
    return create(dataSource, largeMessages, DEFAULT_CHANNEL, Duration.ofSeconds(1));
  }

  /**
   * A bus on {@code channel} ({@code [a-z_][a-z0-9_]*}, at most 63 characters) that retries a lost
   * listening connection every {@code reconnectDelay}.
   *
   * @throws IllegalArgumentException for a bad channel name or a non-positive delay
   */
  public static PostgresChannelBus create(
      DataSource dataSource, KeyValueStore largeMessages, String channel, Duration reconnectDelay) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(largeMessages, "largeMessages");
    if (channel == null || !CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("channel must match " + CHANNEL + ": " + channel);
    }
    if (reconnectDelay == null || reconnectDelay.isNegative() || reconnectDelay.isZero()) {
      throw new IllegalArgumentException("reconnectDelay must be positive");
    }
    return new PostgresChannelBus(dataSource, largeMessages, channel, reconnectDelay);
  }

  @Override
  public void publish(BusMessage message) {
    Objects.requireNonNull(message, "message");
    if (closed || !outbox.offer(message)) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<BusMessage> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    Consumer<BusMessage> subscription = consumer::accept;
    listeners.add(subscription);
    return () -> listeners.remove(subscription);
  }

  /** Whether the listening connection is up (LISTEN done); false while reconnecting. */
  public boolean listening() {
    return listening;
  }

  /** Messages dropped: queue full, closed, or the database unreachable when sending. */
  public long droppedCount() {
    return dropped.get();
  }

  /**
   * Stops both threads and waits (up to two seconds) for the listener to give its connection back,
   * so the pool can be closed right after; messages still queued are dropped.
   */
  @Override
  public void close() {
    closed = true;
    listener.interrupt();
    sender.interrupt();
    try {
      listener.join(2000);
      sender.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send() {
    while (!closed) {
      BusMessage message;
      try {
        message = outbox.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        String payload = BusCodec.encode(message);
        if (BusCodec.utf8Length(payload) > INLINE_LIMIT) {
          String key = "bus/" + UUID.randomUUID();
          largeMessages.put(key, payload, LARGE_MESSAGE_TTL);
          payload = BusCodec.reference(key);
        }
        jdbc.query("SELECT pg_notify(?, ?)", rs -> null, channel, payload);
      } catch (HookstreamException e) { // the database or the KV store is unreachable
        dropped.incrementAndGet();
        log.debug("bus message on {} dropped: {}", message.channel(), e.getMessage());
      } catch (RuntimeException e) { // never let one message stop the sender
        dropped.incrementAndGet();
        log.warn("bus message on {} dropped", message.channel(), e);
      }
    }
  }

  private void listen() {
    while (!closed) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + channel);
        }
        listening = true;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] got = pg.getNotifications((int) POLL.toMillis());
          if (got != null) {
            for (PGNotification n : got) {
              dispatch(n.getParameter());
            }
          }
        }
        try (Statement st = c.createStatement()) {
          st.execute("UNLISTEN " + channel);
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        log.warn(
            "bus listener on {} lost its connection; reconnecting in {}",
            channel,
            reconnectDelay,
            e);
      } finally {
        listening = false;
      }
      if (!pause()) {
        return;
      }
    }
  }

  /** Waits out the reconnect delay; false when the bus is closing. */
  private boolean pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(reconnectDelay.toMillis());
      return !closed;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void dispatch(String payload) {
    BusMessage message;
    try {
      Optional<String> key = BusCodec.referenceKey(payload);
      String body = payload;
      if (key.isPresent()) {
        Optional<String> stored = largeMessages.get(key.get());
        if (stored.isEmpty()) {
          log.warn("bus message {} expired before it was read; dropped", key.get());
          return;
        }
        body = stored.get();
      }
      message = BusCodec.decode(body);
    } catch (RuntimeException e) { // a foreign NOTIFY on our channel, or the KV unreachable
      dropped.incrementAndGet();
      log.warn("bus message on {} could not be read; dropped", channel, e);
      return;
    }
    for (Consumer<BusMessage> l : listeners) {
      try {
        l.accept(message);
      } catch (RuntimeException e) {
        log.warn("channel bus listener failed on {} {}", message.channel(), message.type(), e);
      }
    }
  }
}
