package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.TestRequestQuery;
import io.hookstream.spi.store.TestRequestRecord;
import io.hookstream.spi.store.TestSessionRecord;
import io.hookstream.spi.store.TestSessionRepository;
import io.hookstream.spi.store.TestSessionRepository.Admission;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Test sessions: the request limit and expiry enforced atomically when a request is recorded,
 * claims lifting both, filtered and paged request lists, notes and forwarding outcomes, and the
 * purge of expired sessions with their requests.
 */
abstract class TestSessionContract extends RepositoryContract {

  private static final Duration TTL = Duration.ofDays(14);

  TestSessionContract(StoreContract owner) {
    super(owner);
  }

  private TestSessionRepository repo() {
    return store.testSessions();
  }

  private TestSessionRecord session(int limit) {
    Instant now = clock.now();
    TestSessionRecord s =
        TestSessionRecord.created(
                ids.next("ts"),
                "203.0.113.7",
                limit,
                now,
                now.plus(TTL),
                200,
                "application/json",
                "{\"ok\":true}")
            .withResponse(200, "application/json", "{\"ok\":true}", Map.of("X-Custom", "value"));
    repo().insert(s);
    return s;
  }

  private TestRequestRecord request(TestSessionRecord s, String method, int status, String body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("content-type", List.of("application/json"));
    headers.put("stripe-signature", List.of("t=1,v1=abc"));
    return new TestRequestRecord(
        ids.next("evt"),
        s.id(),
        method,
        "/v1/ingest/" + s.id(),
        headers,
        Map.of("attempt", List.of("1")),
        "application/json",
        "198.51.100.2",
        body.getBytes(StandardCharsets.UTF_8),
        clock.now(),
        "stripe",
        status,
        null,
        null);
  }

  private TestRequestRecord recorded(TestSessionRecord s, String method, int status, String body) {
    TestRequestRecord r = request(s, method, status, body);
    assertThat(repo().record(r, clock.now())).isEqualTo(Admission.RECORDED);
    return r;
  }

  @Test
  void storesAndFindsASessionWithItsSettings() {
    TestSessionRecord s = session(2000);

    assertThat(repo().find(s.id())).contains(s);
    assertThat(repo().find(ids.next("ts"))).isEmpty();
    assertThatThrownBy(() -> repo().insert(s))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

    TestSessionRecord changed =
        s.withResponse(418, "text/plain", "teapot", Map.of("Retry-After", "5"))
            .withForwarding("https://example.com/hook", true);
    assertThat(repo().updateSettings(changed)).isTrue();
    assertThat(repo().find(s.id())).contains(changed);
    assertThat(repo().updateSettings(session(1).withForwarding(null, false))).isTrue();
  }

  @Test
  void recordsRequestsUntilTheLimitThenRefusesThem() {
    TestSessionRecord s = session(2);
    TestRequestRecord first = recorded(s, "POST", 200, "{\"n\":1}");
    recorded(s, "POST", 200, "{\"n\":2}");

    TestRequestRecord third = request(s, "POST", 200, "{\"n\":3}");
    assertThat(repo().record(third, clock.now())).isEqualTo(Admission.FULL);
    assertThat(repo().find(s.id()).orElseThrow().requestCount()).isEqualTo(2);
    assertThat(repo().findRequest(s.id(), third.id())).isEmpty();

    TestRequestRecord stored = repo().findRequest(s.id(), first.id()).orElseThrow();
    assertThat(stored.method()).isEqualTo("POST");
    assertThat(stored.headers()).isEqualTo(first.headers());
    assertThat(stored.query()).isEqualTo(Map.of("attempt", List.of("1")));
    assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    assertThat(stored.clientIp()).isEqualTo("198.51.100.2");
    assertThat(stored.provider()).isEqualTo("stripe");
    assertThat(stored.receivedAt()).isEqualTo(first.receivedAt());
    assertThat(repo().record(request(session(1), "GET", 200, ""), clock.now()))
        .isEqualTo(Admission.RECORDED);
  }

  @Test
  void refusesRequestsOnceTheSessionExpiredAndUnknownSessions() {
    TestSessionRecord s = session(2000);
    clock.advance(TTL.minusSeconds(1));
    recorded(s, "POST", 200, "{}");

    clock.advance(Duration.ofSeconds(1));
    assertThat(repo().record(request(s, "POST", 200, "{}"), clock.now()))
        .isEqualTo(Admission.EXPIRED);
    TestRequestRecord orphan = request(s, "POST", 200, "{}");
    assertThat(
            repo()
                .record(
                    new TestRequestRecord(
                        orphan.id(),
                        ids.next("ts"),
                        "POST",
                        null,
                        Map.of(),
                        Map.of(),
                        null,
                        null,
                        new byte[0],
                        clock.now(),
                        null,
                        200,
                        null,
                        null),
                    clock.now()))
        .isEqualTo(Admission.UNKNOWN);
  }

  @Test
  void racingRequestsForTheLastFreePlacesAreCountedExactly() throws Exception {
    TestSessionRecord s = session(5);
    List<Admission> results =
        Concurrently.run(12, i -> () -> repo().record(request(s, "POST", 200, "{}"), clock.now()));

    assertThat(results).filteredOn(a -> a == Admission.RECORDED).hasSize(5);
    assertThat(results).filteredOn(a -> a == Admission.FULL).hasSize(7);
    assertThat(repo().find(s.id()).orElseThrow().requestCount()).isEqualTo(5);
    assertThat(repo().oldestFirst(s.id(), null, 100)).hasSize(5);
  }

  @Test
  void aClaimedSessionHasNoLimitAndNoExpiry() {
    TestSessionRecord s = session(1);
    recorded(s, "POST", 200, "{}");
    String sourceId = ids.next("src");

    assertThat(repo().claim(s.id(), scope, sourceId, clock.now())).isTrue();
    assertThat(repo().claim(s.id(), other, ids.next("src"), clock.now())).isFalse();
    assertThat(repo().claim(ids.next("ts"), scope, sourceId, clock.now())).isFalse();
    TestSessionRecord claimed = repo().find(s.id()).orElseThrow();
    assertThat(claimed.claimed()).isTrue();
    assertThat(claimed.scope()).isEqualTo(scope);
    assertThat(claimed.sourceId()).isEqualTo(sourceId);
    assertThat(claimed.claimedAt()).isEqualTo(clock.now());

    recorded(s, "POST", 200, "{}");
    clock.advance(TTL.plusDays(1));
    recorded(s, "POST", 200, "{}");
    repo().purgeExpired(clock.now(), 10_000);
    assertThat(repo().find(s.id()).orElseThrow().requestCount()).isEqualTo(3);
    assertThat(repo().oldestFirst(s.id(), null, 10)).hasSize(3);
  }

  @Test
  void listsRequestsNewestFirstWithFilters() {
    TestSessionRecord s = session(2000);
    TestSessionRecord otherSession = session(2000);
    recorded(otherSession, "POST", 200, "{\"type\":\"order.created\"}");
    TestRequestRecord a = recorded(s, "POST", 200, "{\"type\":\"order.created\"}");
    clock.advance(Duration.ofMillis(5));
    TestRequestRecord b = recorded(s, "GET", 404, "");
    clock.advance(Duration.ofMillis(5));
    TestRequestRecord c = recorded(s, "POST", 503, "{\"type\":\"invoice.paid\"}");

    assertThat(ids(repo().requests(s.id(), TestRequestQuery.ALL, PageRequest.first(10)).items()))
        .containsExactly(c.id(), b.id(), a.id());
    assertThat(ids(query(s, new TestRequestQuery("POST", null, null))))
        .containsExactly(c.id(), a.id());
    assertThat(ids(query(s, new TestRequestQuery(null, 4, null)))).containsExactly(b.id());
    assertThat(ids(query(s, new TestRequestQuery(null, 5, null)))).containsExactly(c.id());
    assertThat(ids(query(s, new TestRequestQuery(null, null, "order.created"))))
        .containsExactly(a.id());
    assertThat(ids(query(s, new TestRequestQuery(null, null, "STRIPE-Signature"))))
        .containsExactly(c.id(), b.id(), a.id());
    assertThat(ids(query(s, new TestRequestQuery(null, null, "50%_off")))).isEmpty();

    var first = repo().requests(s.id(), TestRequestQuery.ALL, PageRequest.first(2));
    assertThat(ids(first.items())).containsExactly(c.id(), b.id());
    assertThat(first.hasMore()).isTrue();
    var second =
        repo().requests(s.id(), TestRequestQuery.ALL, new PageRequest(first.nextAfter(), 2));
    assertThat(ids(second.items())).containsExactly(a.id());
    assertThat(second.hasMore()).isFalse();

    assertThat(ids(repo().oldestFirst(s.id(), null, 2))).containsExactly(a.id(), b.id());
    assertThat(ids(repo().oldestFirst(s.id(), b.id(), 2))).containsExactly(c.id());
  }

  @Test
  void keepsNotesAndForwardingOutcomes() {
    TestSessionRecord s = session(2000);
    TestRequestRecord r = recorded(s, "POST", 200, "{}");

    assertThat(repo().setNote(s.id(), r.id(), "the successful payment")).isTrue();
    assertThat(repo().setNote(session(1).id(), r.id(), "wrong session")).isFalse();
    TestRequestRecord.Forward answered =
        new TestRequestRecord.Forward(
            "http://127.0.0.1:3000/hook", 201, 42, "{\"ok\":1}", null, clock.now());
    assertThat(repo().setForward(s.id(), r.id(), answered)).isTrue();

    TestRequestRecord stored = repo().findRequest(s.id(), r.id()).orElseThrow();
    assertThat(stored.note()).isEqualTo("the successful payment");
    assertThat(stored.forward()).isEqualTo(answered);

    TestRequestRecord.Forward failed =
        new TestRequestRecord.Forward(
            "http://127.0.0.1:9/x", null, 3, null, "connection refused", clock.now());
    assertThat(repo().setForward(s.id(), r.id(), failed)).isTrue();
    assertThat(repo().findRequest(s.id(), r.id()).orElseThrow().forward()).isEqualTo(failed);
  }

  @Test
  void purgesExpiredSessionsWithTheirRequestsAndDeletesOnDemand() {
    TestSessionRecord old = session(2000);
    TestRequestRecord oldRequest = recorded(old, "POST", 200, "{}");
    clock.advance(Duration.ofDays(1));
    TestSessionRecord young = session(2000);
    recorded(young, "POST", 200, "{}");
    TestSessionRecord gone = session(2000);
    TestRequestRecord goneRequest = recorded(gone, "POST", 200, "{}");

    clock.advance(TTL.minusDays(1));
    repo().purgeExpired(clock.now(), 10_000);
    assertThat(repo().find(old.id())).isEmpty();
    assertThat(repo().findRequest(old.id(), oldRequest.id())).isEmpty();
    assertThat(repo().oldestFirst(old.id(), null, 10)).isEmpty();
    assertThat(repo().find(young.id())).isPresent();
    assertThat(repo().oldestFirst(young.id(), null, 10)).hasSize(1);

    assertThat(repo().delete(gone.id())).isTrue();
    assertThat(repo().delete(gone.id())).isFalse();
    assertThat(repo().findRequest(gone.id(), goneRequest.id())).isEmpty();
    assertThat(repo().record(request(gone, "POST", 200, "{}"), clock.now()))
        .isEqualTo(Admission.UNKNOWN);
  }

  private List<TestRequestRecord> query(TestSessionRecord s, TestRequestQuery q) {
    return repo().requests(s.id(), q, PageRequest.first(100)).items();
  }

  private static List<String> ids(List<TestRequestRecord> rows) {
    return rows.stream().map(TestRequestRecord::id).toList();
  }
}
