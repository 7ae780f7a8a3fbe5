package io.hookstream.delivery;

import io.hookstream.internal.Ids;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Creates delivery tasks as the scheduler expects them: pending, due now, with a {@code sequence}
 * that increases strictly per factory (epoch microseconds, bumped on ties) so ordered destinations
 * deliver in creation order. Use one factory per engine for routing and retries.
 *
 * <p>A transform failure is a task too ({@link #transformFailure}): stored with the event's other
 * tasks, it is never delivered; the scheduler records it as a failed, dead-lettered attempt with
 * error type {@code transform_error} and raises its issue. Thread-safe.
 */
public final class TaskFactory {

  /** The content type that marks a transform-failure task; its payload is the error message. */
  public static final String TRANSFORM_ERROR_CONTENT_TYPE =
      "application/vnd.hookstream.transform-error";

  /** The id prefix of replay jobs, which replay tasks carry as their connection id. */
  public static final String REPLAY_PREFIX = "rpl_";

  private final Clock clock;
  private final Ids ids;
  private long lastSequence;

  public TaskFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = new Ids(clock);
  }

  /**
   * A pending task due now: deliver event {@code eventId} to {@code destinationId} through {@code
   * connectionId}. {@code payload} is the transformed body, or null to send the event's body.
   */
  public DeliveryTask pending(
      Scope scope,
      String eventId,
      String connectionId,
      String destinationId,
      byte[] payload,
      String payloadContentType) {
    return pending(scope, eventId, connectionId, destinationId, payload, payloadContentType, null);
  }

  /**
   * As {@link #pending(Scope, String, String, String, byte[], String)}, keyed by {@code
   * orderingKey}: delivered after every earlier pending task of its destination with the same key
   * (null: unordered).
   */
  public DeliveryTask pending(
      Scope scope,
      String eventId,
      String connectionId,
      String destinationId,
      byte[] payload,
      String payloadContentType,
      String orderingKey) {
    Instant now = clock.now();
    return new DeliveryTask(
        ids.next("dt"),
        scope.orgId(),
        scope.envId(),
        eventId,
        connectionId,
        destinationId,
        TaskStatus.PENDING,
        0,
        now,
        null,
        null,
        payload,
        payloadContentType,
        nextSequence(now),
        orderingKey,
        0,
        now,
        now);
  }

  /**
   * A task that records the connection's transform failure ({@code error}) instead of delivering.
   */
  public DeliveryTask transformFailure(
      Scope scope, String eventId, String connectionId, String destinationId, String error) {
    return pending(
        scope,
        eventId,
        connectionId,
        destinationId,
        String.valueOf(error).getBytes(StandardCharsets.UTF_8),
        TRANSFORM_ERROR_CONTENT_TYPE);
  }

  /**
   * A fresh task (attempts reset, due now) that delivers what {@code old} delivered, with its
   * ordering key: it goes to the end of its key's line.
   */
  public DeliveryTask retryOf(DeliveryTask old) {
    return pending(
        old.scope(),
        old.eventId(),
        old.connectionId(),
        old.destinationId(),
        old.payload(),
        old.payloadContentType(),
        old.orderingKey());
  }

  /**
   * A replay task: deliver event {@code eventId}'s own body to {@code destinationId} once, for
   * replay job {@code replayJobId}, which stands where a connection id would (see {@link
   * #isReplay}).
   */
  public DeliveryTask replayOf(
      Scope scope, String eventId, String replayJobId, String destinationId) {
    return pending(scope, eventId, replayJobId, destinationId, null, null);
  }

  /**
   * Whether {@code task} was made by a replay job: its "connection" is the job ({@code rpl_}). Such
   * a task gets one attempt, no retries, and does not change its event's status.
   */
  public static boolean isReplay(DeliveryTask task) {
    return task.connectionId() != null && task.connectionId().startsWith(REPLAY_PREFIX);
  }

  /** Whether {@code task} records a transform failure rather than a delivery. */
  public static boolean isTransformFailure(DeliveryTask task) {
    return TRANSFORM_ERROR_CONTENT_TYPE.equals(task.payloadContentType());
  }

  private synchronized long nextSequence(Instant now) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
    lastSequence = Math.max(micros, lastSequence + 1);
    return lastSequence;
  }
}
