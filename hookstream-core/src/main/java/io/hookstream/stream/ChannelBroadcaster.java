package io.hookstream.stream;

import io.hookstream.spi.ChannelBus;
import io.hookstream.spi.ChannelBus.BusMessage;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.BackfillRecord;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.ReplayJobRecord;
import io.hookstream.stream.internal.StreamJson;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the engine's live messages out to this node's subscribers. Publishing renders a message once
 * and hands it to the {@link ChannelBus} (which never blocks); every node's broadcaster receives it
 * from the bus and offers the frame {@code {"type","channel","data"}} to each local {@link
 * StreamSubscription} of the same organization subscribed to that channel. Nothing here waits on a
 * subscriber: a full subscription closes itself.
 *
 * <p>Thread-safe. Publishing never throws; a failure is logged and the message dropped.
 */
public final class ChannelBroadcaster implements StreamPublisher, AutoCloseable {

  /** The organization id test-session feeds are published under (no real org has it). */
  public static final String TEST_SESSION_ORG = "_test";

  private static final Logger log = LoggerFactory.getLogger(ChannelBroadcaster.class);

  private final ChannelBus bus;
  private final boolean privateBus;
  private final AutoCloseable busSubscription;
  private final Map<String, Set<StreamSubscription>> byChannel = new ConcurrentHashMap<>();
  private final Set<StreamSubscription> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong fannedOut = new AtomicLong();

  /** A broadcaster on {@code bus}, shared with other nodes; it subscribes to the bus at once. */
  public ChannelBroadcaster(ChannelBus bus) {
    this(bus, false);
  }

  /**
   * {@code privateBus}: nobody but this broadcaster uses {@code bus} (the engine's own in-process
   * bus), so an event nobody here subscribes to need not be rendered at all.
   */
  public ChannelBroadcaster(ChannelBus bus, boolean privateBus) {
    this.bus = Objects.requireNonNull(bus, "bus");
    this.privateBus = privateBus;
    this.busSubscription = bus.subscribe(this::deliverLocally);
  }

  @Override
  public void eventReceived(EventRecord event) {
    String all = StreamChannels.EVENTS;
    String ofSource = StreamChannels.events(event.sourceId());
    if (nobodyListens(event.orgId(), all, ofSource)) {
      return; // the ingest hot path: skip rendering what nobody can receive
    }
    guarded(
        "event " + event.id(),
        () -> {
          String data = StreamJson.event(event);
          publish(event.orgId(), all, "event", data);
          publish(event.orgId(), ofSource, "event", data);
        });
  }

  @Override
  public void deliveryAttempted(AttemptRecord attempt) {
    String all = StreamChannels.DELIVERIES;
    String ofDestination = StreamChannels.deliveries(attempt.destinationId());
    if (nobodyListens(attempt.orgId(), all, ofDestination)) {
      return; // the delivery hot path, as for events
    }
    guarded(
        "attempt " + attempt.id(),
        () -> {
          String data = StreamJson.attempt(attempt);
          publish(attempt.orgId(), all, "delivery", data);
          publish(attempt.orgId(), ofDestination, "delivery", data);
        });
  }

  @Override
  public void issueChanged(IssueRecord issue) {
    guarded(
        "issue " + issue.id(),
        () -> publish(issue.orgId(), StreamChannels.ISSUES, "issue", StreamJson.issue(issue)));
  }

  @Override
  public void destinationChanged(DestinationRecord d) {
    guarded(
        "destination " + d.id(),
        () -> {
          String data = StreamJson.destination(d);
          publish(d.orgId(), StreamChannels.DELIVERIES, "destination", data);
          publish(d.orgId(), StreamChannels.deliveries(d.id()), "destination", data);
        });
  }

  /** A replay or bulk-retry job's progress, on {@code replay:<job_id>}. */
  public void replayChanged(ReplayJobRecord job) {
    guarded(
        "replay job " + job.id(),
        () ->
            publish(
                job.orgId(), StreamChannels.replay(job.id()), "replay", StreamJson.replayJob(job)));
  }

  /** A record a collection sync changed: {@code sync} on {@code collections:<id>}. */
  public void collectionSynced(CollectionEntry entry) {
    String channel = StreamChannels.collections(entry.collectionId());
    if (nobodyListens(entry.orgId(), channel, channel)) {
      return; // the sync path: skip rendering what nobody can receive
    }
    guarded(
        "collection record " + entry.key(),
        () -> publish(entry.orgId(), channel, "sync", StreamJson.collectionRecord(entry)));
  }

  /** A collection's backfill started or stepped: {@code backfill} on {@code collections:<id>}. */
  public void backfillChanged(BackfillRecord b) {
    guarded(
        "backfill of " + b.collectionId(),
        () ->
            publish(
                b.orgId(),
                StreamChannels.collections(b.collectionId()),
                "backfill",
                StreamJson.backfill(b)));
  }

  @Override
  public void testSessionMessage(String sessionId, String type, String dataJson) {
    guarded(
        "test session " + sessionId,
        () -> publish(TEST_SESSION_ORG, testChannel(sessionId), type, dataJson));
  }

  /**
   * Publishes one message: {@code dataJson} is the {@code data} object as JSON text. Never blocks
   * and never throws for a bus failure.
   */
  public void publish(String orgId, String channel, String type, String dataJson) {
    bus.publish(new BusMessage(orgId, channel, type, dataJson));
  }

  /**
   * Opens a subscription for {@code orgId} with an outbound queue of {@code capacity} frames. It
   * receives nothing until it subscribes to a channel.
   */
  public StreamSubscription open(String orgId, FrameSink sink, int capacity) {
    StreamSubscription s = new StreamSubscription(this, orgId, sink, capacity);
    open.add(s);
    return s;
  }

  /** Opens a subscription to the test-session feed of {@code sessionId}. */
  public StreamSubscription openTestSession(String sessionId, FrameSink sink, int capacity) {
    StreamSubscription s = open(TEST_SESSION_ORG, sink, capacity);
    s.subscribe(testChannel(sessionId));
    return s;
  }

  /** Subscriptions open on this node. */
  public int openSubscriptions() {
    return open.size();
  }

  /** Frames offered to local subscriptions since start. */
  public long framesFannedOut() {
    return fannedOut.get();
  }

  /** Stops listening to the bus. Open subscriptions stay open but receive nothing more. */
  @Override
  public void close() {
    try {
      busSubscription.close();
    } catch (Exception e) {
      log.warn("closing the channel bus subscription failed", e);
    }
  }

  void index(StreamSubscription s, String channel) {
    byChannel.computeIfAbsent(key(s.orgId(), channel), k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  void unindex(StreamSubscription s, String channel) {
    byChannel.computeIfPresent(
        key(s.orgId(), channel),
        (k, set) -> {
          set.remove(s);
          return set.isEmpty() ? null : set;
        });
  }

  void forget(StreamSubscription s) {
    open.remove(s);
  }

  /**
   * On the engine's private bus, whether no subscription here listens to either channel: then a
   * message need not be rendered at all (on a shared bus other nodes may listen).
   */
  private boolean nobodyListens(String orgId, String channel, String other) {
    return privateBus && !subscribed(orgId, channel) && !subscribed(orgId, other);
  }

  private boolean subscribed(String orgId, String channel) {
    return byChannel.containsKey(key(orgId, channel));
  }

  private void deliverLocally(BusMessage m) {
    Set<StreamSubscription> targets = byChannel.get(key(m.orgId(), m.channel()));
    if (targets == null || targets.isEmpty()) {
      return;
    }
    String channel =
        m.channel().startsWith(StreamChannels.TEST + ":") ? StreamChannels.TEST : m.channel();
    String frame = StreamJson.frame(m.type(), channel, m.json());
    for (StreamSubscription s : targets) {
      s.send(frame);
      fannedOut.incrementAndGet();
    }
  }

  private static String testChannel(String sessionId) {
    return StreamChannels.TEST + ":" + sessionId;
  }

  private static String key(String orgId, String channel) {
    return orgId + '\n' + channel;
  }

  private static void guarded(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("streaming {} failed; live subscribers miss it", what, e);
    }
  }
}
