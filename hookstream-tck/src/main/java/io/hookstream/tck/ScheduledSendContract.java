package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ScheduledSendRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tools API's scheduled sends: nothing is claimed before its time, a claim holds a send for one
 * owner until the lease ends, only the lease holder records the outcome, and concurrent claimers
 * split the due sends without overlap. Claims span every send in the store, so each test looks only
 * at its own ids and finishes what it leaves pending.
 */
abstract class ScheduledSendContract extends RepositoryContract {

  private static final Duration LEASE = Duration.ofSeconds(60);

  private final List<String> mine = new ArrayList<>();

  ScheduledSendContract(StoreContract owner) {
    super(owner);
  }

  @AfterEach
  void finishLeftovers() {
    Instant far = clock.now().plus(Duration.ofDays(400));
    store.scheduledSends().claimDue("cleanup", far, far.plus(LEASE), 10_000);
    for (String id : mine) {
      store
          .scheduledSends()
          .finish(id, "cleanup", ScheduledSendRecord.FAILED, null, null, "x", far);
    }
  }

  @Test
  void aStoredSendReadsBackWithEveryField() {
    ScheduledSendRecord s =
        new ScheduledSendRecord(
            ids.next("sch"),
            "https://example.com/hook?a=1",
            "PUT",
            Map.of("X-Test", "yes", "Content-Type", "application/json"),
            "{\"hello\":\"wörld\"}",
            clock.now().plusSeconds(90),
            ScheduledSendRecord.PENDING,
            null,
            null,
            null,
            null,
            null,
            clock.now(),
            null);
    insert(s);

    assertThat(store.scheduledSends().find(s.id())).contains(s);
    assertThat(store.scheduledSends().find(ids.next("sch"))).isEmpty();
    assertThatThrownBy(() -> store.scheduledSends().insert(s))
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void nothingIsClaimedBeforeItsTimeAndADueSendIsLeasedToItsClaimer() {
    ScheduledSendRecord s = insert(pending(Duration.ofHours(24)));

    assertThat(claimOwn("node-a", clock.now().plus(Duration.ofHours(24)).minusMillis(1))).isEmpty();
    Instant due = clock.now().plus(Duration.ofHours(24));
    List<ScheduledSendRecord> claimed = claimOwn("node-a", due);

    assertThat(claimed).extracting(ScheduledSendRecord::id).containsExactly(s.id());
    ScheduledSendRecord stored = store.scheduledSends().find(s.id()).orElseThrow();
    assertThat(stored.leaseOwner()).isEqualTo("node-a");
    assertThat(stored.leaseExpiresAt()).isEqualTo(due.plus(LEASE));
    assertThat(stored.isPending()).isTrue();
    assertThat(claimed.get(0)).isEqualTo(stored);
  }

  @Test
  void aLeasedSendIsNotClaimedAgainUntilTheLeaseEnds() {
    ScheduledSendRecord s = insert(pending(Duration.ofSeconds(10)));
    Instant due = s.firesAt();
    assertThat(claimOwn("node-a", due)).hasSize(1);

    assertThat(claimOwn("node-b", due.plus(LEASE).minusMillis(1))).isEmpty();
    assertThat(claimOwn("node-a", due.plusSeconds(1))).isEmpty();
    // node-a died mid-send: once its lease ends, node-b sends it, and node-a's late outcome is lost
    assertThat(claimOwn("node-b", due.plus(LEASE))).hasSize(1);
    assertThat(finish(s.id(), "node-a", 200)).isFalse();
    assertThat(finish(s.id(), "node-b", 201)).isTrue();
    assertThat(store.scheduledSends().find(s.id()).orElseThrow().responseStatus()).isEqualTo(201);
  }

  @Test
  void onlyTheLeaseHolderRecordsTheOutcomeAndOnlyOnce() {
    ScheduledSendRecord s = insert(pending(Duration.ofSeconds(1)));
    assertThat(finish(s.id(), "node-a", 200)).as("not claimed yet").isFalse();
    claimOwn("node-a", s.firesAt());

    assertThat(finish(s.id(), "node-b", 500)).isFalse();
    Instant at = s.firesAt().plusMillis(250);
    assertThat(
            store
                .scheduledSends()
                .finish(s.id(), "node-a", ScheduledSendRecord.COMPLETED, 202, 250L, null, at))
        .isTrue();
    assertThat(finish(s.id(), "node-a", 200)).as("already finished").isFalse();

    ScheduledSendRecord done = store.scheduledSends().find(s.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ScheduledSendRecord.COMPLETED);
    assertThat(done.responseStatus()).isEqualTo(202);
    assertThat(done.latencyMs()).isEqualTo(250L);
    assertThat(done.error()).isNull();
    assertThat(done.completedAt()).isEqualTo(at);
    assertThat(done.leaseOwner()).isNull();
    assertThat(done.leaseExpiresAt()).isNull();
    assertThat(claimOwn("node-b", at.plus(Duration.ofDays(2)))).isEmpty();
  }

  @Test
  void aFailedSendKeepsItsError() {
    ScheduledSendRecord s = insert(pending(Duration.ofSeconds(1)));
    claimOwn("node-a", s.firesAt());
    store
        .scheduledSends()
        .finish(
            s.id(),
            "node-a",
            ScheduledSendRecord.FAILED,
            null,
            5000L,
            "connect timed out",
            s.firesAt());

    ScheduledSendRecord done = store.scheduledSends().find(s.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ScheduledSendRecord.FAILED);
    assertThat(done.responseStatus()).isNull();
    assertThat(done.error()).isEqualTo("connect timed out");
  }

  @Test
  void claimsTakeTheEarliestFirstUpToTheLimit() {
    ScheduledSendRecord late = insert(pending(Duration.ofSeconds(30)));
    ScheduledSendRecord early = insert(pending(Duration.ofSeconds(10)));
    ScheduledSendRecord middle = insert(pending(Duration.ofSeconds(20)));
    Instant now = clock.now().plusSeconds(30);

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      store.scheduledSends().claimDue("node-a", now, now.plus(LEASE), 1).stream()
          .map(ScheduledSendRecord::id)
          .filter(mine::contains)
          .forEach(order::add);
    }
    assertThat(order).containsExactly(early.id(), middle.id(), late.id());
  }

  @Test
  void concurrentClaimersNeverHoldOneSendTogether() throws Exception {
    Set<String> inserted = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      inserted.add(insert(pending(Duration.ofSeconds(5))).id());
    }
    Instant now = clock.now().plusSeconds(5);
    List<List<ScheduledSendRecord>> claims =
        Concurrently.run(
            6,
            t ->
                () -> {
                  List<ScheduledSendRecord> got = new ArrayList<>();
                  for (int round = 0; round < 10; round++) {
                    got.addAll(
                        store.scheduledSends().claimDue("node-" + t, now, now.plus(LEASE), 3));
                  }
                  return got;
                });

    List<String> claimedIds = new ArrayList<>();
    claims.forEach(c -> c.stream().map(ScheduledSendRecord::id).forEach(claimedIds::add));
    List<String> own = claimedIds.stream().filter(inserted::contains).toList();
    assertThat(own).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
  }

  @Test
  void cleanupDeletesOnlyFinishedSendsCompletedBeforeTheCutoff() {
    ScheduledSendRecord old = insert(pending(Duration.ofSeconds(1)));
    ScheduledSendRecord recent = insert(pending(Duration.ofSeconds(1)));
    ScheduledSendRecord waiting = insert(pending(Duration.ofDays(300)));
    claimOwn("node-a", old.firesAt());
    Instant t0 = old.firesAt();
    store
        .scheduledSends()
        .finish(old.id(), "node-a", ScheduledSendRecord.COMPLETED, 200, 1L, null, t0);
    store
        .scheduledSends()
        .finish(
            recent.id(),
            "node-a",
            ScheduledSendRecord.COMPLETED,
            200,
            1L,
            null,
            t0.plusSeconds(10));

    assertThat(store.scheduledSends().deleteFinishedBefore(t0.plusSeconds(5)))
        .isGreaterThanOrEqualTo(1);
    assertThat(store.scheduledSends().find(old.id())).isEmpty();
    assertThat(store.scheduledSends().find(recent.id())).isPresent();
    assertThat(store.scheduledSends().find(waiting.id())).isPresent();
  }

  private ScheduledSendRecord pending(Duration delay) {
    return ScheduledSendRecord.pending(
        ids.next("sch"),
        "https://example.com/hook",
        "POST",
        Map.of(),
        "{}",
        clock.now().plus(delay),
        clock.now());
  }

  private ScheduledSendRecord insert(ScheduledSendRecord s) {
    store.scheduledSends().insert(s);
    mine.add(s.id());
    return s;
  }

  /** This test's sends that {@code owner} claims at {@code now}. */
  private List<ScheduledSendRecord> claimOwn(String owner, Instant now) {
    return store.scheduledSends().claimDue(owner, now, now.plus(LEASE), 10_000).stream()
        .filter(s -> mine.contains(s.id()))
        .toList();
  }

  private boolean finish(String id, String owner, int status) {
    return store
        .scheduledSends()
        .finish(id, owner, ScheduledSendRecord.COMPLETED, status, 1L, null, clock.now());
  }
}
