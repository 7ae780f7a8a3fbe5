package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.IssueRepository;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Issues per scope, plus an index of the active (not resolved) issue per destination and error
 * type: it answers {@link #findActive} and {@link #findStale} without a scan, and enforces that at
 * most one issue per key is active. Writes hold the repository's lock.
 */
final class MemoryIssues implements IssueRepository {

  private record ActiveKey(Scope scope, String destinationId, String errorType) {
    static ActiveKey of(IssueRecord issue) {
      return new ActiveKey(issue.scope(), issue.destinationId(), issue.errorType());
    }
  }

  private static final String RESOLVED = "resolved";
  private static final String OPEN = "open";

  private final ScopedTable<IssueRecord> table =
      new ScopedTable<>("issue", IssueRecord::id, IssueRecord::scope, false);
  private final ConcurrentHashMap<ActiveKey, String> active = new ConcurrentHashMap<>();

  @Override
  public Optional<IssueRecord> findActive(Scope scope, String destinationId, String errorType) {
    String id = active.get(new ActiveKey(scope, destinationId, errorType));
    return id == null ? Optional.empty() : table.get(scope, id).filter(MemoryIssues::isActive);
  }

  @Override
  public synchronized void insert(IssueRecord issue) {
    checkActiveFree(issue);
    table.insert(issue);
    if (isActive(issue)) {
      active.put(ActiveKey.of(issue), issue.id());
    }
  }

  @Override
  public synchronized boolean update(IssueRecord issue) {
    IssueRecord stored = table.get(issue.scope(), issue.id()).orElse(null);
    if (stored == null) {
      return false;
    }
    checkActiveFree(issue);
    table.update(issue.scope(), issue.id(), old -> issue);
    active.remove(ActiveKey.of(stored), stored.id());
    if (isActive(issue)) {
      active.put(ActiveKey.of(issue), issue.id());
    }
    return true;
  }

  @Override
  public Optional<IssueRecord> find(Scope scope, String id) {
    return table.get(scope, id);
  }

  @Override
  public Page<IssueRecord> list(
      Scope scope, String status, String destinationId, PageRequest page) {
    return table.page(
        scope,
        page,
        i ->
            (status == null || status.equals(i.status()))
                && (destinationId == null || destinationId.equals(i.destinationId())));
  }

  @Override
  public List<IssueRecord> findStale(Instant before, int limit) {
    Objects.requireNonNull(before, "before");
    return activeIssues()
        .filter(i -> isActive(i) && i.lastSeenAt().isBefore(before))
        .sorted(Comparator.comparing(IssueRecord::lastSeenAt).thenComparing(IssueRecord::id))
        .limit(limit)
        .toList();
  }

  @Override
  public long countOpen() {
    // Every open issue is active, so the active index holds them all.
    return activeIssues().filter(i -> OPEN.equals(i.status())).count();
  }

  /** The issues the active index points at (a racing write may have resolved some since). */
  private Stream<IssueRecord> activeIssues() {
    return active.entrySet().stream()
        .map(e -> table.get(e.getKey().scope(), e.getValue()).orElse(null))
        .filter(Objects::nonNull);
  }

  private void checkActiveFree(IssueRecord issue) {
    String holder = isActive(issue) ? active.get(ActiveKey.of(issue)) : null;
    if (holder != null && !holder.equals(issue.id())) {
      throw new HookstreamException(
          ErrorCode.CONFLICT,
          "an active issue already exists for "
              + issue.destinationId()
              + "/"
              + issue.errorType()
              + ": "
              + holder);
    }
  }

  private static boolean isActive(IssueRecord issue) {
    return !RESOLVED.equals(issue.status());
  }
}
