package io.hookstream.testkit;

import io.hookstream.Hookstream;
import io.hookstream.connection.Connection;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.delivery.AttemptQuery;
import io.hookstream.delivery.DeliveryAttempt;
import io.hookstream.delivery.RunResult;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.event.Event;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.page.PageRequest;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.Source;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test an in-process engine on the in-memory store with a {@link ManualClock}, one
 * organization and environment, the HTTP destination type, and a {@link WebhookReceiver} on
 * loopback standing in for your endpoint. Time moves only when the test says so:
 *
 * <pre>{@code
 * @RegisterExtension HookstreamExtension hs = HookstreamExtension.create();
 *
 * hs.receiver().enqueue(ScriptedResponse.status(500));
 * String src = hs.connectToReceiver().sourceId();
 * String evt = hs.send(src, "{\"type\":\"order.created\"}").eventId();
 * hs.awaitAttempts(evt, 1, Duration.ofSeconds(5));   // attempt 1 failed, retry scheduled
 * hs.advance(Duration.ofSeconds(30));                // retry 1 is due and runs
 * hs.awaitAttempts(evt, 2, Duration.ofSeconds(5));
 * }</pre>
 *
 * Register it as an instance field: engine, clock and receiver are new for every test.
 */
public final class HookstreamExtension implements BeforeEachCallback, AfterEachCallback {

  private final UnaryOperator<Hookstream.Builder> customizer;
  private ManualClock clock;
  private WebhookReceiver receiver;
  private Hookstream engine;
  private Scope scope;
  private final List<TestSession> sessions = new ArrayList<>();

  private HookstreamExtension(UnaryOperator<Hookstream.Builder> customizer) {
    this.customizer = customizer;
  }

  /** The default engine. */
  public static HookstreamExtension create() {
    return new HookstreamExtension(UnaryOperator.identity());
  }

  /** An engine with extra settings, e.g. {@code b -> b.ingestStep(myStep)}. */
  public static HookstreamExtension create(UnaryOperator<Hookstream.Builder> customizer) {
    return new HookstreamExtension(customizer);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    clock = new ManualClock();
    receiver = WebhookReceiver.start(clock);
    Hookstream.Builder builder =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(clock))
            .blobStore(new InMemoryBlobStore())
            .clock(clock)
            // The receiver listens on loopback, which the SSRF guard refuses by default.
            .provider(
                HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build());
    engine = customizer.apply(builder).build().start();
    var org = engine.organizations().create("test");
    scope = engine.organizations().createEnvironment(org.id(), "test").scope();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    sessions.forEach(TestSession::close);
    sessions.clear();
    if (engine != null) {
      engine.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  public Hookstream engine() {
    return engine;
  }

  public ManualClock clock() {
    return clock;
  }

  public WebhookReceiver receiver() {
    return receiver;
  }

  /** The organization and environment every helper here works in. */
  public Scope scope() {
    return scope;
  }

  /** A source with default settings, changed by {@code spec}. */
  public Source source(UnaryOperator<SourceSpec.Builder> spec) {
    return engine.sources().create(scope, spec.apply(SourceSpec.builder().name("source")).build());
  }

  /** An HTTP destination pointing at the receiver, changed by {@code spec}. */
  public Destination receiverDestination(UnaryOperator<DestinationSpec.Builder> spec) {
    return engine
        .destinations()
        .create(
            scope,
            spec.apply(DestinationSpec.builder().name("receiver").url(receiver.url("/webhooks")))
                .build());
  }

  /** A new source connected to a new destination at the receiver; the common case. */
  public Connection connectToReceiver() {
    return engine
        .connections()
        .create(
            scope,
            ConnectionSpec.builder()
                .sourceId(source(UnaryOperator.identity()).id())
                .destinationId(receiverDestination(UnaryOperator.identity()).id())
                .build());
  }

  /** Ingests {@code json} as a POST to the source, as a sender would. */
  public IngestResult send(String sourceId, String json) {
    return engine.ingest(sourceId, IngestRequest.json(json));
  }

  /**
   * Moves time forward, then, on this thread, runs the background jobs that became due (heartbeat,
   * recovery sweep, issue auto-resolve after 30 quiet minutes, retention purge) and delivers
   * everything that became due. Deliveries already running in the background finish on their own;
   * wait for them with {@link #awaitAttempts}.
   */
  public RunResult advance(Duration duration) {
    clock.advance(duration);
    engine.runDueJobs();
    return engine.runDueDeliveries();
  }

  /**
   * A test session of this engine on a loopback URL, closed after the test: point code at its
   * {@link TestSession#url()} and assert with {@link TestSession#assertReceived()}.
   */
  public TestSession testSession() {
    TestSession session = TestSession.start(engine);
    sessions.add(session);
    return session;
  }

  /** The event as stored now. */
  public Event event(String eventId) {
    return engine.events().require(scope, eventId);
  }

  /**
   * Waits until {@code count} delivery attempts of the event are recorded (settled, with their
   * retry scheduled) and returns them, oldest first. Wait on this rather than on the receiver
   * before moving the clock: the receiver sees a request before the engine has recorded it.
   */
  public List<DeliveryAttempt> awaitAttempts(String eventId, int count, Duration timeout) {
    awaitUntil(
        count + " attempt(s) of " + eventId, timeout, () -> attempts(eventId).size() >= count);
    return attempts(eventId);
  }

  /**
   * Waits until the event has {@code status}. The status follows an attempt by a moment (it is
   * derived from all of the event's deliveries), so wait on it rather than reading it right after
   * {@link #awaitAttempts}.
   */
  public Event awaitEventStatus(String eventId, EventStatus status, Duration timeout) {
    awaitUntil(eventId + " " + status.wireName(), timeout, () -> event(eventId).status() == status);
    return event(eventId);
  }

  /** Waits until {@code condition} holds, checking every few milliseconds; fails after timeout. */
  public void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + what + " within " + timeout);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  /** Every delivery attempt of an event, oldest first. */
  public List<DeliveryAttempt> attempts(String eventId) {
    List<DeliveryAttempt> all = new ArrayList<>();
    String after = null;
    do {
      var page =
          engine
              .deliveries()
              .attempts(
                  scope,
                  new AttemptQuery(eventId, null, null, null, null),
                  new PageRequest(after, 100));
      all.addAll(page.items());
      after = page.nextAfter();
    } while (after != null);
    all.sort(Comparator.comparing(DeliveryAttempt::id));
    return all;
  }
}
