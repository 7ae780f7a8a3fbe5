package io.hookstream.testkit;

import io.hookstream.Hookstream;
import io.hookstream.page.PageRequest;
import io.hookstream.testsession.TestEvent;
import io.hookstream.testsession.TestEventQuery;
import io.hookstream.testsession.TestResponse;
import io.hookstream.testsession.TestSessionService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A test session on an in-process engine with a loopback URL: point the code under test at {@link
 * #url()}, then assert on what arrived, with a bounded wait:
 *
 * <pre>{@code
 * try (TestSession session = TestSession.start(engine)) {
 *   myClient.sendWebhooksTo(session.url());
 *   session.assertReceived().withMethod("POST").withJsonPath("data.id", "ord_123")
 *       .count(3).within(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * The session is the engine's own ({@link Hookstream#testSessions()}): requests are recorded,
 * limited, streamed and forwarded as at {@code /v1/ingest/<id>} of the REST API. With {@link
 * HookstreamExtension}, use {@link HookstreamExtension#testSession()}. Thread-safe.
 */
public final class TestSession implements AutoCloseable {

  private final TestSessionService sessions;
  private final SessionServer server;
  private final String id;

  private TestSession(Hookstream engine) {
    this.sessions = engine.testSessions();
    this.id = sessions.create(null).id();
    this.server = new SessionServer(engine);
  }

  /** A new session of {@code engine}, served on a free loopback port until {@link #close()}. */
  public static TestSession start(Hookstream engine) {
    return new TestSession(engine);
  }

  public String id() {
    return id;
  }

  /** The URL to send to: {@code http://127.0.0.1:<port>/v1/ingest/<id>}. */
  public String url() {
    return server.url(id);
  }

  /** Answers every later request with {@code status}, {@code contentType} and {@code body}. */
  public TestSession respondWith(int status, String contentType, String body) {
    sessions.configureResponse(id, new TestResponse(status, contentType, body, Map.of()));
    return this;
  }

  /** Everything received so far, oldest first. */
  public List<TestEvent> received() {
    List<TestEvent> all = new ArrayList<>();
    String after = null;
    do {
      var page = sessions.events(id, TestEventQuery.ALL, new PageRequest(after, 100));
      all.addAll(page.items());
      after = page.nextAfter();
    } while (after != null);
    all.sort(Comparator.comparing(TestEvent::id));
    return all;
  }

  /** Starts an assertion on the received requests; finish it with {@code within(timeout)}. */
  public ReceivedAssert assertReceived() {
    return new ReceivedAssert(this::received);
  }

  /** Stops serving and deletes the session with what it recorded. Idempotent. */
  @Override
  public void close() {
    server.close();
    try {
      sessions.delete(id);
    } catch (RuntimeException e) {
      // already gone (deleted by the test, or the engine was closed first)
    }
  }
}
