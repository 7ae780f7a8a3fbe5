package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ScheduledSendRecord;
import io.hookstream.spi.store.ScheduledSendRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scheduled sends in a map. Claims and outcomes run under one lock, so engines sharing the store
 * never hold one send together. Few rows (rate-limited public tool): a claim scans them all.
 */
final class MemoryScheduledSends implements ScheduledSendRepository {

  private final ConcurrentHashMap<String, ScheduledSendRecord> sends = new ConcurrentHashMap<>();

  @Override
  public void insert(ScheduledSendRecord send) {
    Objects.requireNonNull(send, "send");
    if (sends.putIfAbsent(send.id(), send) != null) {
      throw new HookstreamException(ErrorCode.CONFLICT, "scheduled send id taken: " + send.id());
    }
  }

  @Override
  public Optional<ScheduledSendRecord> find(String id) {
    return Optional.ofNullable(sends.get(id));
  }

  @Override
  public synchronized List<ScheduledSendRecord> claimDue(
      String owner, Instant now, Instant leaseUntil, int limit) {
    Objects.requireNonNull(owner, "owner");
    List<ScheduledSendRecord> due =
        sends.values().stream()
            .filter(s -> s.claimableAt(now))
            .sorted(Comparator.comparing(ScheduledSendRecord::firesAt))
            .limit(limit)
            .toList();
    List<ScheduledSendRecord> claimed = new ArrayList<>();
    for (ScheduledSendRecord s : due) {
      ScheduledSendRecord leased = s.leased(owner, leaseUntil);
      sends.put(s.id(), leased);
      claimed.add(leased);
    }
    return claimed;
  }

  @Override
  public synchronized boolean finish(
      String id,
      String owner,
      String status,
      Integer responseStatus,
      Long latencyMs,
      String error,
      Instant completedAt) {
    ScheduledSendRecord s = sends.get(id);
    if (s == null || !s.isPending() || !owner.equals(s.leaseOwner())) {
      return false;
    }
    sends.put(id, s.finished(status, responseStatus, latencyMs, error, completedAt));
    return true;
  }

  @Override
  public synchronized int deleteFinishedBefore(Instant cutoff) {
    int before = sends.size();
    sends
        .values()
        .removeIf(
            s -> !s.isPending() && s.completedAt() != null && s.completedAt().isBefore(cutoff));
    return before - sends.size();
  }
}
