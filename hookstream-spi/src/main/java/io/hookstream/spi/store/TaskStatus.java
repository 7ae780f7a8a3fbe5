package io.hookstream.spi.store;

/** The state of a delivery task. */
public enum TaskStatus {
  /** Waiting for {@code nextAttemptAt}, or claimed under a lease. */
  PENDING,
  /** Delivered. */
  SUCCEEDED,
  /** Retries exhausted or not retryable: in the dead letter queue. */
  DEAD,
  /** No longer wanted (destination or connection deleted). */
  CANCELLED
}
