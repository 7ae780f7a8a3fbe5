package io.hookstream.testsession;

import io.hookstream.Limits;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.internal.PersistStep;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Pages;
import io.hookstream.internal.Validation;
import io.hookstream.json.ResourceJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.source.Source;
import io.hookstream.source.SourceService;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.TestRequestQuery;
import io.hookstream.spi.store.TestRequestRecord;
import io.hookstream.spi.store.TestSessionRecord;
import io.hookstream.spi.store.TestSessionRepository;
import io.hookstream.stream.ChannelBroadcaster;
import io.hookstream.testsession.internal.CreationLimit;
import io.hookstream.testsession.internal.Forwarder;
import io.hookstream.testsession.internal.ProviderDetector;
import io.hookstream.testsession.internal.ResponseChecks;
import io.hookstream.testsession.internal.SessionClaim;
import io.hookstream.testsession.internal.SessionIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test sessions: create one (no account needed), point anything at its URL, and read back what
 * arrived. A session records every request, answers with its configured response, forwards a copy
 * when asked, and pushes each request to its live feed ({@code test:<id>}). It lives {@link #TTL}
 * or {@link #REQUEST_LIMIT} requests; a client address may create {@link #CREATIONS_PER_HOUR} per
 * hour. Claiming moves it into an environment as a source, lifting both limits. The REST endpoints
 * ({@code /v1/test/sessions}, {@code /v1/agent/sessions}) and the testkit's {@code TestSession}
 * call this. Thread-safe.
 */
public final class TestSessionService {

  public static final Duration TTL = Duration.ofDays(14);
  public static final int REQUEST_LIMIT = 2000;
  public static final int CREATIONS_PER_HOUR = 10;
  public static final int MAX_RESPONSE_BODY_BYTES = 4096;
  public static final int MAX_FORWARD_BODY_BYTES = 4096;
  public static final int MAX_NOTE_LENGTH = 2000;
  public static final int MAX_URL_LENGTH = 2048;

  private static final Logger LOG = LoggerFactory.getLogger(TestSessionService.class);
  private static final int PURGE_BATCH = 500;
  private static final int EXPORT_BATCH = 100;
  private static final int FORWARD_THREADS = 4;
  private static final int FORWARD_QUEUE = 1000;

  private final TestSessionRepository repo;
  private final Clock clock;
  private final Ids ids;
  private final SessionIds sessionIds = new SessionIds();
  private final String ingestBaseUrl;
  private final int maxBodyBytes;
  private final SourceService sources;
  private final SessionClaim claims;
  private final CreationLimit creationLimit;
  private final Forwarder forwarder;
  private final ChannelBroadcaster streams;
  private final ProviderDetector providers = new ProviderDetector();
  private final Function<IngestRequest, String> clientIps;
  private final BiFunction<String, IngestRequest, IngestResult> ingest;

  /**
   * Built by the engine. {@code clientIps} resolves a request's client as ingest does; {@code
   * ingest} feeds a claimed session's source through the normal pipeline; {@code
   * allowPrivateNetworks} lets forwarding reach loopback and private addresses.
   */
  public TestSessionService(
      Store store,
      BlobStore blobs,
      KeyValueStore kv,
      Clock clock,
      String ingestBaseUrl,
      Limits limits,
      boolean allowPrivateNetworks,
      SourceService sources,
      ChannelBroadcaster streams,
      Function<IngestRequest, String> clientIps,
      BiFunction<String, IngestRequest, IngestResult> ingest) {
    this.repo = store.testSessions();
    this.clock = clock;
    this.ids = new Ids(clock);
    this.ingestBaseUrl = ingestBaseUrl.replaceAll("/+$", "");
    this.sources = sources;
    this.maxBodyBytes = limits.maxBodyBytes();
    this.claims = new SessionClaim(store, blobs, clock, limits.inlineBodyBytes());
    this.creationLimit = new CreationLimit(kv, clock, CREATIONS_PER_HOUR, Duration.ofHours(1));
    this.forwarder =
        new Forwarder(
            new AddressPolicy(allowPrivateNetworks),
            clock,
            FORWARD_THREADS,
            FORWARD_QUEUE,
            MAX_FORWARD_BODY_BYTES,
            this::forwarded,
            "hookstream-test-forward");
    this.streams = streams;
    this.clientIps = clientIps;
    this.ingest = ingest;
  }

  /**
   * A new session. {@code clientIp} is who asks (counted against the per-address creation limit);
   * null for the application itself, which is not limited.
   *
   * @throws HookstreamException 429 when the address created its quota this hour
   */
  public TestSessionInfo create(String clientIp) {
    if (clientIp != null) {
      creationLimit.hit(clientIp);
    }
    var now = clock.now();
    TestResponse r = TestResponse.DEFAULT;
    TestSessionRecord s =
        TestSessionRecord.created(
            sessionIds.next(),
            clientIp,
            REQUEST_LIMIT,
            now,
            now.plus(TTL),
            r.status(),
            r.contentType(),
            r.body());
    repo.insert(s);
    return toApi(s);
  }

  /**
   * Whether {@code id} has the shape of a session id (32 lower-case hex, optionally {@code ts_}
   * first): how the ingest endpoint tells a session's URL from a source's.
   */
  public static boolean isSessionId(String id) {
    return SessionIds.looksLike(id);
  }

  /** The session, or a 404 (also for an id of the wrong shape). */
  public TestSessionInfo require(String id) {
    return toApi(stored(id));
  }

  /** Deletes the session and everything it recorded; 404 if there is none. */
  public void delete(String id) {
    if (!SessionIds.looksLike(id) || !repo.delete(SessionIds.strip(id))) {
      throw HookstreamException.notFound("test session", id);
    }
  }

  /** The session's events, newest first. */
  public Page<TestEvent> events(String id, TestEventQuery query, PageRequest page) {
    TestSessionRecord s = stored(id);
    TestRequestQuery q = new TestRequestQuery(query.method(), query.statusClass(), query.search());
    return Pages.fromStore(
        repo.requests(s.id(), q, Pages.toStore(page)), TestSessionService::toApi);
  }

  /** One event of the session, or a 404. */
  public TestEvent event(String id, String eventId) {
    TestSessionRecord s = stored(id);
    return repo.findRequest(s.id(), eventId)
        .map(TestSessionService::toApi)
        .orElseThrow(() -> HookstreamException.notFound("test session event", eventId));
  }

  /** Hands every event of the session to {@code each}, oldest first, a batch at a time. */
  public void export(String id, Consumer<TestEvent> each) {
    TestSessionRecord s = stored(id);
    String after = null;
    while (true) {
      List<TestRequestRecord> batch = repo.oldestFirst(s.id(), after, EXPORT_BATCH);
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(r -> each.accept(toApi(r)));
      after = batch.get(batch.size() - 1).id();
    }
  }

  /** Sets what the session's URL answers; 422 naming each bad field. */
  public TestSessionInfo configureResponse(String id, TestResponse response) {
    TestSessionRecord s = stored(id);
    ResponseChecks.check(response, MAX_RESPONSE_BODY_BYTES);
    TestSessionRecord changed =
        s.withResponse(
            response.status(), response.contentType(), response.body(), response.headers());
    update(changed);
    return toApi(changed);
  }

  /**
   * Forwards a copy of each request to {@code url} while {@code enabled}; a null url switches
   * forwarding off. 422 for a URL that is not http(s) or that the SSRF guard refuses.
   */
  public TestSessionInfo configureForwarding(String id, String url, boolean enabled) {
    TestSessionRecord s = stored(id);
    if (url != null) {
      String refused =
          url.length() > MAX_URL_LENGTH
              ? "must be at most " + MAX_URL_LENGTH + " characters"
              : forwarder.rejection(url);
      if (refused != null) {
        throw HookstreamException.invalid("url", refused);
      }
    }
    TestSessionRecord changed = s.withForwarding(url, url != null && enabled);
    update(changed);
    return toApi(changed);
  }

  /** Sets (or with null or "" clears) the note of an event; 404 for an unknown event. */
  public TestEvent note(String id, String eventId, String note) {
    TestSessionRecord s = stored(id);
    Validation v = new Validation().checkLength("note", note, MAX_NOTE_LENGTH);
    if (note != null && note.indexOf('\0') >= 0) {
      v.error("note", ResponseChecks.NO_NUL);
    }
    v.throwIfInvalid();
    if (!repo.setNote(s.id(), eventId, note == null || note.isEmpty() ? null : note)) {
      throw HookstreamException.notFound("test session event", eventId);
    }
    return event(s.id(), eventId);
  }

  /**
   * Moves the session into {@code scope}: a new source there holds copies of its events, later
   * requests feed that source too, and the session no longer expires or fills up. Claiming again
   * from the same scope answers the same; a session claimed elsewhere is a 404, an expired one 410.
   */
  public TestSessionInfo claim(String id, Scope scope) {
    TestSessionRecord s = stored(id);
    if (s.claimed()) {
      return claimedBy(s, scope);
    }
    if (!s.expiresAt().isAfter(clock.now())) {
      throw expired(s);
    }
    String label = s.id().substring(0, 12);
    Source source =
        sources.create(
            scope,
            SourceSpec.builder()
                .name("Test session " + label)
                .slug("test-session-" + label)
                .description("Claimed from test session " + s.id())
                .build());
    if (!repo.claim(s.id(), scope, source.id(), clock.now())) {
      sources.delete(scope, source.id()); // another claim won the race
      return claimedBy(stored(id), scope);
    }
    claims.copy(s.id(), scope, source.id());
    return toApi(stored(id));
  }

  private TestSessionInfo claimedBy(TestSessionRecord s, Scope scope) {
    if (!scope.equals(s.scope())) {
      throw HookstreamException.notFound("test session", s.id());
    }
    return toApi(s);
  }

  /**
   * Records one request that arrived at the session's URL and returns what to answer: pushes it to
   * the live feed, queues the forward copy, and for a claimed session ingests it into the source.
   *
   * @throws HookstreamException 404 for an unknown session, 410 for an expired or full one, 413 for
   *     a body over the engine's ingest limit
   */
  public TestResponse receive(String id, IngestRequest request) {
    TestSessionRecord s = stored(id);
    if (request.body().length > maxBodyBytes) {
      throw new HookstreamException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "body is " + request.body().length + " bytes; the limit is " + maxBodyBytes);
    }
    var now = clock.now();
    TestRequestRecord r =
        new TestRequestRecord(
            ids.next("evt"),
            s.id(),
            request.method(),
            PersistStep.path(request.url()),
            request.headers(),
            request.query(),
            request.contentType(),
            clientIps.apply(request),
            request.body(),
            now,
            providers.detect(request.headers()),
            s.responseStatus(),
            null,
            null);
    switch (repo.record(r, now)) {
      case RECORDED -> {}
      case UNKNOWN -> throw HookstreamException.notFound("test session", s.id());
      case EXPIRED -> throw expired(s);
      case FULL ->
          throw new HookstreamException(
              ErrorCode.GONE,
              "test session "
                  + s.id()
                  + " reached its limit of "
                  + s.requestLimit()
                  + " requests; create a new session, or claim this one to lift the limit");
    }
    streams.testSessionMessage(s.id(), "event", ResourceJson.testEventDetail(toApi(r)).toString());
    if (s.forwardEnabled() && s.forwardUrl() != null) {
      forwarder.submit(s.forwardUrl(), r);
    }
    if (s.claimed()) {
      feedSource(s, request);
    }
    return new TestResponse(
        s.responseStatus(), s.responseContentType(), s.responseBody(), s.responseHeaders());
  }

  private void feedSource(TestSessionRecord s, IngestRequest request) {
    try {
      ingest.apply(s.sourceId(), request);
    } catch (HookstreamException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      LOG.debug("test session {}: its source {} is gone", s.id(), s.sourceId());
    }
  }

  /**
   * Deletes unclaimed sessions past their expiry, with their events; returns how many. A background
   * job runs it every {@code EngineJobs.TEST_SESSION_PURGE_INTERVAL} of engine time.
   */
  public int purgeExpired() {
    int total = 0;
    int n;
    do {
      n = repo.purgeExpired(clock.now(), PURGE_BATCH);
      total += n;
    } while (n == PURGE_BATCH);
    return total;
  }

  /** Stops forwarding; queued copies are dropped. */
  public void close() {
    forwarder.close();
  }

  private void forwarded(TestRequestRecord r, TestRequestRecord.Forward f) {
    try {
      if (repo.setForward(r.sessionId(), r.id(), f)) {
        streams.testSessionMessage(
            r.sessionId(),
            "forward",
            ResourceJson.testEventDetail(toApi(r.withForward(f))).toString());
      }
    } catch (HookstreamException e) {
      LOG.warn(
          "test session {}: storing the forward outcome of {} failed", r.sessionId(), r.id(), e);
    }
  }

  private void update(TestSessionRecord changed) {
    if (!repo.updateSettings(changed)) {
      throw HookstreamException.notFound("test session", changed.id());
    }
  }

  private TestSessionRecord stored(String id) {
    if (!SessionIds.looksLike(id)) {
      throw HookstreamException.notFound("test session", abbreviate(id));
    }
    return repo.find(SessionIds.strip(id))
        .orElseThrow(() -> HookstreamException.notFound("test session", id));
  }

  private static HookstreamException expired(TestSessionRecord s) {
    return new HookstreamException(
        ErrorCode.GONE,
        "test session "
            + s.id()
            + " expired at "
            + s.expiresAt()
            + ": sessions live "
            + TTL.toDays()
            + " days; create a new one");
  }

  private static String abbreviate(String id) {
    return id == null ? "null" : id.length() > 80 ? id.substring(0, 80) + "..." : id;
  }

  /** The session's ingest URL. */
  public String url(String id) {
    return ingestBaseUrl + "/v1/ingest/" + id;
  }

  private TestSessionInfo toApi(TestSessionRecord s) {
    return new TestSessionInfo(
        s.id(),
        url(s.id()),
        s.requestLimit(),
        s.requestCount(),
        s.createdAt(),
        s.expiresAt(),
        new TestResponse(
            s.responseStatus(), s.responseContentType(), s.responseBody(), s.responseHeaders()),
        s.forwardUrl(),
        s.forwardEnabled(),
        s.orgId(),
        s.envId(),
        s.sourceId(),
        s.claimedAt());
  }

  private static TestEvent toApi(TestRequestRecord r) {
    TestRequestRecord.Forward f = r.forward();
    return new TestEvent(
        r.id(),
        r.sessionId(),
        r.method(),
        r.path(),
        r.headers() == null ? Map.of() : r.headers(),
        r.query() == null ? Map.of() : r.query(),
        r.contentType(),
        r.clientIp(),
        r.body() == null ? new byte[0] : r.body(),
        r.receivedAt(),
        r.provider(),
        r.responseStatus(),
        r.note(),
        f == null
            ? null
            : new ForwardResult(f.url(), f.status(), f.latencyMs(), f.body(), f.error(), f.at()));
  }
}
