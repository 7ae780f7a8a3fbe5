package io.hookstream.tools.internal;

import io.hookstream.spi.Clock;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.ScheduledSendRecord;
import io.hookstream.spi.store.Store;
import io.hookstream.tools.ToolExchange;
import io.hookstream.tools.ToolRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled-send job: claims one due send at a time under a lease, sends it through the guard
 * (the address is checked again: DNS may have changed since it was scheduled) and records the
 * outcome while the lease holds. One at a time, so a lease never runs out behind a queue of slow
 * sends. Thread-safe; the job runner runs one pass at a time per node.
 */
public final class ScheduledSendRunner {

  /** Longer than one send can take (10 s), so a live node never loses a send it is sending. */
  static final Duration LEASE = Duration.ofSeconds(60);

  /** Sends per pass, so one pass cannot starve the other jobs of its worker for long. */
  static final int MAX_PER_PASS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledSendRunner.class);

  private final Store store;
  private final Clock clock;
  private final String nodeId;
  private final Outbound outbound;

  public ScheduledSendRunner(Store store, Clock clock, String nodeId, Outbound outbound) {
    this.store = store;
    this.clock = clock;
    this.nodeId = nodeId;
    this.outbound = outbound;
  }

  /** Sends every send due now (up to {@link #MAX_PER_PASS}); returns how many it sent. */
  public int runOnce() {
    int sent = 0;
    while (sent < MAX_PER_PASS) {
      Instant now = clock.now();
      List<ScheduledSendRecord> claimed =
          store.scheduledSends().claimDue(nodeId, now, now.plus(LEASE), 1);
      if (claimed.isEmpty()) {
        return sent;
      }
      fire(claimed.get(0));
      sent++;
    }
    return sent;
  }

  /** Deletes sends finished more than {@code keep} ago; returns how many. */
  public int purgeFinished(Duration keep) {
    return store.scheduledSends().deleteFinishedBefore(clock.now().minus(keep));
  }

  private void fire(ScheduledSendRecord send) {
    ToolExchange exchange;
    try {
      exchange =
          outbound.send(
              new ToolRequest(
                  send.url(), send.method(), send.headers(), send.body(), ToolRequest.MAX_TIMEOUT));
    } catch (HookstreamException e) {
      exchange = ToolExchange.failed(Duration.ZERO, reason(e));
    }
    boolean answered = exchange.response().isPresent();
    boolean recorded =
        store
            .scheduledSends()
            .finish(
                send.id(),
                nodeId,
                answered ? ScheduledSendRecord.COMPLETED : ScheduledSendRecord.FAILED,
                answered ? exchange.status() : null,
                exchange.latency().toMillis(),
                exchange.error().orElse(null),
                clock.now());
    if (!recorded) {
      LOG.warn(
          "scheduled send {}: the lease ran out while sending; another node owns it", send.id());
    }
  }

  private static String reason(HookstreamException e) {
    return e.fieldErrors().isEmpty()
        ? e.getMessage()
        : e.fieldErrors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }
}
