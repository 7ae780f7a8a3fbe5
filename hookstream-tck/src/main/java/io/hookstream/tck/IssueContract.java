package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issues: one active issue per destination and error type, stale issues, lists. */
abstract class IssueContract extends RepositoryContract {

  IssueContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void issuesFindActiveUpdateAndFindStale() {
    Instant window = Instant.parse("2010-01-01T00:00:00Z");
    DestinationRecord d = fx.destination(scope, "flaky", clock.now());
    store.destinations().insert(d);
    IssueRecord open = fx.issue(scope, d.id(), "http_5xx", "open", window);
    store.issues().insert(open);
    assertThat(store.issues().findActive(scope, d.id(), "http_5xx"))
        .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(open.id()));
    assertThat(store.issues().findActive(scope, d.id(), "timeout")).isEmpty();
    assertThat(store.issues().findActive(other, d.id(), "http_5xx")).isEmpty();
    assertThat(store.issues().find(other, open.id())).isEmpty();

    IssueRecord grown =
        fx.issue(scope, open.id(), d.id(), "http_5xx", "acknowledged", 7, window.plusSeconds(60));
    assertThat(store.issues().update(grown)).isTrue();
    assertThat(store.issues().find(scope, open.id()).orElseThrow())
        .satisfies(i -> assertThat(i.occurrenceCount()).isEqualTo(7))
        .satisfies(i -> assertThat(i.status()).isEqualTo("acknowledged"));
    assertThat(
            store
                .issues()
                .update(fx.issue(other, open.id(), d.id(), "http_5xx", "resolved", 8, window)))
        .isFalse();
    assertThat(
            store
                .issues()
                .update(fx.issue(scope, ids.next("iss"), d.id(), "timeout", "open", 1, window)))
        .isFalse();

    IssueRecord timeout = fx.issue(scope, d.id(), "timeout", "open", window.plusSeconds(10));
    store.issues().insert(timeout);
    Set<String> mine = Set.of(open.id(), timeout.id());
    assertThat(stale(window.plusSeconds(61), mine))
        .containsExactlyInAnyOrder(timeout.id(), open.id());
    assertThat(stale(window.plusSeconds(60), mine)).containsExactly(timeout.id());

    IssueRecord resolved =
        fx.issue(scope, open.id(), d.id(), "http_5xx", "resolved", 7, window.plusSeconds(60));
    assertThat(store.issues().update(resolved)).isTrue();
    assertThat(store.issues().findActive(scope, d.id(), "http_5xx")).isEmpty();
    assertThat(stale(window.plusSeconds(61), mine)).containsExactly(timeout.id());
    IssueRecord again = fx.issue(scope, d.id(), "http_5xx", "open", window.plusSeconds(90));
    store.issues().insert(again);
    assertThat(store.issues().findActive(scope, d.id(), "http_5xx"))
        .hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(again.id()));
    store.issues().update(fx.issue(scope, timeout.id(), d.id(), "timeout", "resolved", 1, window));
    store.issues().update(fx.issue(scope, again.id(), d.id(), "http_5xx", "resolved", 1, window));
  }

  @Test
  void countOpenCountsOpenIssuesOfEveryTenant() {
    DestinationRecord d = storedDestination(scope, "counted");
    DestinationRecord e = storedDestination(other, "counted");
    long before = store.issues().countOpen();
    IssueRecord mine = fx.issue(scope, d.id(), "http_5xx", "open", clock.now());
    store.issues().insert(mine);
    store.issues().insert(fx.issue(other, e.id(), "http_5xx", "open", clock.now()));
    store.issues().insert(fx.issue(scope, d.id(), "timeout", "acknowledged", clock.now()));
    assertThat(store.issues().countOpen()).isEqualTo(before + 2);
    store
        .issues()
        .update(fx.issue(scope, mine.id(), d.id(), "http_5xx", "resolved", 1, clock.now()));
    assertThat(store.issues().countOpen()).isEqualTo(before + 1);
  }

  @Test
  void onlyOneIssuePerDestinationAndErrorTypeIsActive() {
    DestinationRecord d = fx.destination(scope, "one", clock.now());
    store.destinations().insert(d);
    store.issues().insert(fx.issue(scope, d.id(), "http_5xx", "open", clock.now()));
    assertConflict(
        () ->
            store
                .issues()
                .insert(fx.issue(scope, d.id(), "http_5xx", "acknowledged", clock.now())));
    store.issues().insert(fx.issue(scope, d.id(), "http_5xx", "resolved", clock.now()));
    store.issues().insert(fx.issue(other, d.id(), "http_5xx", "open", clock.now()));
  }

  @Test
  void issuesListNewestFirstWithFilters() {
    DestinationRecord d1 = fx.destination(scope, "d1", clock.now());
    DestinationRecord d2 = fx.destination(scope, "d2", clock.now());
    store.destinations().insert(d1);
    store.destinations().insert(d2);
    List<IssueRecord> issues = new ArrayList<>();
    String[] types = {"http_5xx", "http_4xx", "timeout", "network", "endpoint_gone"};
    for (int i = 0; i < 10; i++) {
      DestinationRecord d = i % 2 == 0 ? d1 : d2;
      IssueRecord issue =
          fx.issue(scope, d.id(), types[i / 2], i < 4 ? "resolved" : "open", clock.now());
      store.issues().insert(issue);
      issues.add(issue);
    }
    assertThat(pageAll(p -> store.issues().list(scope, null, null, p), 3, IssueRecord::id))
        .containsExactlyElementsOf(newestFirstOf(issues, i -> true));
    assertThat(pageAll(p -> store.issues().list(scope, "open", d1.id(), p), 3, IssueRecord::id))
        .containsExactlyElementsOf(
            newestFirstOf(
                issues, i -> i.status().equals("open") && i.destinationId().equals(d1.id())));
    assertThat(store.issues().list(other, null, null, PageRequest.first(10)).items()).isEmpty();
  }

  private List<String> stale(Instant before, Set<String> mine) {
    return store.issues().findStale(before, 1000).stream()
        .map(IssueRecord::id)
        .filter(mine::contains)
        .toList();
  }
}
