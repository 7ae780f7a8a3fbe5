package io.hookstream.delivery;

import java.util.List;

/**
 * The answer to retrying an event ({@code POST /v1/events/:id/retry}): one entry per destination
 * (and connection) the event was routed to, and the ones that could not be retried.
 */
public record EventRetryResult(List<Retried> retried, List<Error> errors) {

  public EventRetryResult {
    retried = List.copyOf(retried);
    errors = List.copyOf(errors);
  }

  /**
   * A delivery queued again: {@code status} is {@code queued} (due now) or {@code in_flight} (being
   * delivered at this moment, left alone); {@code taskId} names the task that will run.
   */
  public record Retried(String destinationId, String connectionId, String taskId, String status) {}

  /** A delivery that was not retried, and why. */
  public record Error(String destinationId, String connectionId, String message) {}
}
