package io.hookstream.observe;

/** One delivery attempt as an observer follows it from {@link EngineObserver#deliveryStarting}. */
@FunctionalInterface
public interface DeliveryTrace {

  /** A trace that does nothing. */
  DeliveryTrace NONE = delivery -> {};

  /** The attempt ended; called once, after its result was stored (or storing it failed). */
  void finished(FinishedDelivery delivery);
}
