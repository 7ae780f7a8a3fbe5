package io.hookstream.observe.internal;

import io.hookstream.observe.DeliveryTrace;
import io.hookstream.observe.EngineObserver;
import io.hookstream.observe.FinishedDelivery;
import io.hookstream.observe.OutgoingDelivery;
import io.hookstream.observe.ReceivedEvent;
import io.hookstream.observe.SentNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's registered {@link EngineObserver}s, called in order; what one throws is logged and
 * dropped, so an observer never fails ingest or delivery. Callers check {@link #active()} first, so
 * an engine without observers builds no observation values at all. The notification sender calls
 * {@link #notificationSent}. Thread-safe (the list is fixed at build time).
 */
public final class Observers {

  /** No observers. */
  public static final Observers NONE = new Observers(List.of());

  private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

  private final List<EngineObserver> observers;

  private Observers(List<EngineObserver> observers) {
    this.observers = observers;
  }

  public static Observers of(List<EngineObserver> observers) {
    return observers.isEmpty() ? NONE : new Observers(List.copyOf(observers));
  }

  /** False when nobody observes: callers skip building the values. */
  public boolean active() {
    return !observers.isEmpty();
  }

  public void eventReceived(ReceivedEvent event) {
    each("eventReceived", o -> o.eventReceived(event));
  }

  /** Asks each observer for its trace of the attempt; the result tells them all how it ended. */
  public DeliveryTrace deliveryStarting(OutgoingDelivery delivery) {
    List<DeliveryTrace> traces = new ArrayList<>(observers.size());
    each(
        "deliveryStarting",
        o -> {
          DeliveryTrace trace = o.deliveryStarting(delivery);
          if (trace != null && trace != DeliveryTrace.NONE) {
            traces.add(trace);
          }
        });
    if (traces.isEmpty()) {
      return DeliveryTrace.NONE;
    }
    return finished -> {
      for (DeliveryTrace trace : traces) {
        guarded("DeliveryTrace.finished", trace, () -> trace.finished(finished));
      }
    };
  }

  public void deliveryFinished(FinishedDelivery delivery) {
    each("deliveryFinished", o -> o.deliveryFinished(delivery));
  }

  /** For the notification sender: a notification went out (or failed to). */
  public void notificationSent(SentNotification notification) {
    each("notificationSent", o -> o.notificationSent(notification));
  }

  private void each(String method, Consumer<EngineObserver> call) {
    for (EngineObserver o : observers) {
      guarded(method, o, () -> call.accept(o));
    }
  }

  private static void guarded(String method, Object observer, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("observer {} failed in {}; ignored", observer.getClass().getName(), method, e);
    }
  }
}
