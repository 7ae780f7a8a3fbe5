package io.hookstream.observe;

import io.hookstream.Hookstream;

/**
 * Hears what the engine does, for metrics and tracing: events received, each delivery attempt (with
 * a hook around its send that may add outbound headers), notifications sent. Register with {@code
 * Hookstream.builder().observer(...)}; several may be registered and are called in order.
 *
 * <p>Modelled on OkHttp's {@code EventListener}: every method has an empty default, so an observer
 * implements only what it needs. Methods are called on the engine's threads (ingest callers,
 * delivery workers), never under an engine lock, and must return quickly: a slow observer slows
 * ingest or delivery. An exception thrown by an observer is logged and ignored; it never fails an
 * ingest or a delivery. An engine with no observer does none of this work.
 */
public interface EngineObserver {

  /**
   * The engine this observer was registered with is built: an observer that reads the engine (for
   * gauges) keeps it. Called once per engine, before {@code Hookstream.Builder.build()} returns;
   * unlike the other methods, what it throws fails the build.
   */
  default void attached(Hookstream engine) {}

  /** An event was accepted and stored (a duplicate too, with {@code duplicate} set). */
  default void eventReceived(ReceivedEvent event) {}

  /**
   * A delivery attempt is about to send. The observer may add outbound headers to it (HTTP
   * destinations send them) and returns a trace that hears how this attempt ended, or {@link
   * DeliveryTrace#NONE}.
   */
  default DeliveryTrace deliveryStarting(OutgoingDelivery delivery) {
    return DeliveryTrace.NONE;
  }

  /**
   * A delivery attempt ended: sent (success, failure, timeout), or dead-lettered. Called after its
   * result was stored; also when storing it failed or the lease was lost (the request went out).
   * Attempts that sent nothing (a transform error, an expired task behind an open circuit) come
   * here too, as {@link AttemptOutcome#DLQ}, without a {@link #deliveryStarting} before them.
   */
  default void deliveryFinished(FinishedDelivery delivery) {}

  /** A notification (alert, issue) went out to a notification channel, or failed to. */
  default void notificationSent(SentNotification notification) {}
}
