package io.hookstream.delivery;

import io.hookstream.Hookstream;
import io.hookstream.delivery.internal.DeliveryScheduler;
import io.hookstream.internal.EngineJobs;
import io.hookstream.internal.Ids;
import io.hookstream.internal.JobRunner;
import io.hookstream.issue.IssueService;
import io.hookstream.issue.internal.IssueTracker;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.AttemptQuery;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import io.hookstream.spi.store.DestinationRecord.RetryPolicy;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.store.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** One engine's delivery parts over an in-memory store and a manual clock, with helpers. */
final class DeliveryFixture {

  static final Scope SCOPE = new Scope("org_test", "env_test");

  final ManualClock clock = new ManualClock();
  final Store store;
  final Ids ids = new Ids(clock);
  final TaskFactory tasks = new TaskFactory(clock);
  final List<IssueRecord> issueEvents = new CopyOnWriteArrayList<>();
  final List<AttemptRecord> attemptEvents = new CopyOnWriteArrayList<>();
  final IssueService issues;
  final IssueTracker issueTracker;
  final CircuitBreakers circuits;
  final DeliveryService service;
  final ScriptedProvider provider = new ScriptedProvider(clock);

  DeliveryFixture() {
    this(new InMemoryStore());
  }

  DeliveryFixture(Store store) {
    this.store = store;
    this.issues = new IssueService(store, clock, issueEvents::add);
    this.issueTracker = new IssueTracker(store, ids, issueEvents::add);
    this.circuits = new CircuitBreakers(store, clock, CircuitSettings.DEFAULT);
    this.service = new DeliveryService(store, clock, tasks);
  }

  DeliveryScheduler.Builder scheduler() {
    return scheduler(Map.of("test", provider));
  }

  DeliveryScheduler.Builder scheduler(Map<String, DestinationProvider> providers) {
    return schedulerOn(store, providers).attemptListener(attemptEvents::add);
  }

  /** A scheduler of this engine reaching the store through {@code on} (a crashable one). */
  DeliveryScheduler.Builder schedulerOn(Store on, Map<String, DestinationProvider> providers) {
    return DeliveryScheduler.builder(on, clock, providers, ids, issueTracker, circuits.logic());
  }

  /**
   * Node {@code id}'s background jobs as its engine runs them, through {@code on}: the heartbeat
   * (default interval and missed beats) and the issue auto-resolve.
   */
  JobRunner jobs(String id, Store on) {
    return new JobRunner(
        clock,
        List.of(
            EngineJobs.heartbeat(
                on,
                clock,
                id,
                Hookstream.Builder.DEFAULT_HEARTBEAT_INTERVAL,
                Hookstream.Builder.DEFAULT_MISSED_HEARTBEATS),
            EngineJobs.issueAutoResolve(issues)),
        Duration.ofSeconds(1),
        id);
  }

  /** Node {@code id} as an engine runs it: a scheduler and its background jobs. */
  Node node(String id) {
    return new Node(scheduler().owner(id).build(), jobs(id, store));
  }

  /** A scheduler and the jobs of its node. */
  record Node(DeliveryScheduler scheduler, JobRunner jobs) {
    /** What a test of an engine calls after moving the clock: due jobs, then due deliveries. */
    RunResult runDue() {
      jobs.runDue();
      return scheduler.runDueNow();
    }
  }

  DestinationRecord destination(String name) {
    return destination(name, RetryPolicy.DEFAULT, Delivery.DEFAULT);
  }

  DestinationRecord destination(String name, RetryPolicy retry, Delivery delivery) {
    return destination(name, "test", "{}", retry, delivery);
  }

  DestinationRecord destination(
      String name, String type, String configJson, RetryPolicy retry, Delivery delivery) {
    Instant now = clock.now();
    DestinationRecord d =
        new DestinationRecord(
            ids.next("dst"),
            SCOPE.orgId(),
            SCOPE.envId(),
            name,
            name,
            null,
            type,
            configJson,
            null,
            retry,
            delivery,
            null,
            1,
            now,
            now,
            null);
    store.destinations().insert(d);
    return d;
  }

  /** A received event routed to {@code destinations} (one connection each); returns its id. */
  String event(String body, DestinationRecord... destinations) {
    return event(body, Map.of(), destinations);
  }

  /** As {@link #event(String, DestinationRecord...)}, received with {@code headers}. */
  String event(String body, Map<String, List<String>> headers, DestinationRecord... destinations) {
    Instant now = clock.now();
    String id = ids.next("evt");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    store
        .events()
        .insert(
            new EventRecord(
                id,
                SCOPE.orgId(),
                SCOPE.envId(),
                "src_test",
                "POST",
                "/",
                headers,
                Map.of(),
                "application/json",
                "127.0.0.1",
                bytes.length,
                bytes,
                null,
                null,
                EventStatus.RECEIVED,
                null,
                null,
                "unverified",
                now,
                null,
                now));
    List<DeliveryTask> routed = new ArrayList<>();
    for (DestinationRecord d : destinations) {
      routed.add(tasks.pending(SCOPE, id, "conn_" + d.name(), d.id(), null, null));
    }
    store.events().markRouted(SCOPE, id, EventStatus.PROCESSING, routed, now);
    return id;
  }

  EventStatus status(String eventId) {
    return store.events().find(SCOPE, eventId).orElseThrow().status();
  }

  List<DeliveryTask> tasksOf(String eventId) {
    return store.deliveries().tasksForEvent(SCOPE, eventId);
  }

  /** Attempts of an event, oldest first. */
  List<AttemptRecord> attempts(String eventId) {
    List<AttemptRecord> list =
        new ArrayList<>(
            store
                .deliveries()
                .listAttempts(
                    SCOPE,
                    new AttemptQuery(eventId, null, null, null, null),
                    PageRequest.first(100))
                .items());
    java.util.Collections.reverse(list);
    return list;
  }

  DestinationRecord reload(DestinationRecord d) {
    return store.destinations().findById(d.id()).orElseThrow();
  }

  List<IssueRecord> issues(String status) {
    return store.issues().list(SCOPE, status, null, PageRequest.first(100)).items();
  }
}
