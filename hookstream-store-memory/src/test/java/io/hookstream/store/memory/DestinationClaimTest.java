package io.hookstream.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DeliveryRepository;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationClaim;
import io.hookstream.spi.store.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-destination claim rules every store must honour (see DestinationClaim). */
class DestinationClaimTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant LEASE = T0.plus(Duration.ofMinutes(1));

  private final DeliveryRepository repo = new InMemoryStore().deliveries();
  private int counter;

  private DeliveryTask task(String destination, long sequence, Instant due, Instant created) {
    String id = String.format("dt_%04d", counter++);
    return new DeliveryTask(id, "org", "env", "evt_" + id, "conn", destination,
        TaskStatus.PENDING, 0, due, null, null, null, null, sequence, 0, created, created);
  }

  private List<DeliveryTask> insert(String destination, int n) {
    List<DeliveryTask> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(task(destination, 100 - i, T0, T0)); // inserted in reverse sequence order
    }
    repo.insertTasks(list);
    return list;
  }

  private List<DeliveryTask> claim(String destination, String owner, int limit, int maxLeased,
      boolean ordered, Instant createdBefore) {
    return repo.claimDue(new DestinationClaim(destination, owner, T0, LEASE, limit, maxLeased,
        ordered, createdBefore));
  }

  @Test
  void claimsLowestSequenceFirstUpToTheLimit() {
    insert("dst_a", 5);
    insert("dst_b", 5);
    List<DeliveryTask> got = claim("dst_a", "n1", 3, 10, false, null);
    assertThat(got).extracting(DeliveryTask::sequence).containsExactly(96L, 97L, 98L);
    assertThat(got).allSatisfy(t -> {
      assertThat(t.destinationId()).isEqualTo("dst_a");
      assertThat(t.leaseOwner()).isEqualTo("n1");
      assertThat(t.leaseExpiresAt()).isEqualTo(LEASE);
    });
  }

  @Test
  void maxLeasedCountsLeasesOfEveryOwner() {
    insert("dst_a", 10);
    assertThat(claim("dst_a", "n1", 3, 4, false, null)).hasSize(3);
    assertThat(claim("dst_a", "n2", 3, 4, false, null)).hasSize(1);
    assertThat(claim("dst_a", "n3", 3, 4, false, null)).isEmpty();
  }

  @Test
  void expiredLeasesNoLongerCountAndTheirTasksAreDueAgain() {
    insert("dst_a", 2);
    claim("dst_a", "n1", 2, 2, false, null);
    List<DeliveryTask> later = repo.claimDue(new DestinationClaim("dst_a", "n2",
        LEASE.plusSeconds(1), LEASE.plusSeconds(61), 5, 2, false, null));
    assertThat(later).hasSize(2).allSatisfy(t -> assertThat(t.leaseOwner()).isEqualTo("n2"));
  }

  @Test
  void orderedClaimsOnlyTheHeadOfTheLineEvenWhenItIsNotDue() {
    DeliveryTask head = task("dst_o", 1, T0.plusSeconds(30), T0); // retrying, not due
    DeliveryTask next = task("dst_o", 2, T0, T0);
    repo.insertTasks(List.of(head, next));
    assertThat(claim("dst_o", "n1", 5, 1, true, null)).isEmpty();

    repo.insertTasks(List.of(task("dst_p", 1, T0, T0), task("dst_p", 2, T0, T0)));
    assertThat(claim("dst_p", "n1", 5, 5, true, null)).extracting(DeliveryTask::sequence)
        .containsExactly(1L);
    // The head is leased: the next one still waits behind it.
    assertThat(claim("dst_p", "n2", 5, 5, true, null)).isEmpty();
  }

  @Test
  void createdBeforeSelectsOnlyOldTasks() {
    repo.insertTasks(List.of(task("dst_a", 1, T0, T0.minusSeconds(100)),
        task("dst_a", 2, T0, T0.minusSeconds(10))));
    assertThat(claim("dst_a", "n1", 5, 10, false, T0.minusSeconds(50)))
        .extracting(DeliveryTask::sequence).containsExactly(1L);
  }

  @Test
  void dueDestinationsListsEachDestinationWithDueWorkOnce() {
    insert("dst_a", 3);
    insert("dst_b", 1);
    repo.insertTasks(List.of(task("dst_later", 1, T0.plusSeconds(5), T0)));
    assertThat(repo.dueDestinations(T0, 10, List.of()))
        .containsExactlyInAnyOrder("dst_a", "dst_b");
    assertThat(repo.dueDestinations(T0, 10, List.of("dst_a"))).containsExactly("dst_b");
    claim("dst_b", "n1", 1, 1, false, null);
    assertThat(repo.dueDestinations(T0, 10, List.of())).containsExactly("dst_a");
  }

  @Test
  void concurrentClaimersNeverShareATaskNorExceedMaxLeased() throws Exception {
    insert("dst_a", 100);
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String owner = "n" + i;
        results.add(pool.submit(() -> {
          List<DeliveryTask> got = claim("dst_a", owner, 10, 25, false, null);
          got.forEach(t -> assertThat(claimed.add(t.id())).isTrue());
          return got.size();
        }));
      }
      int total = 0;
      for (Future<Integer> r : results) {
        total += r.get(10, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(25);
      assertThat(claimed).hasSize(25);
    } finally {
      pool.shutdownNow();
    }
  }
}
