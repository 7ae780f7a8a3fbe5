package io.hookstream.routing.internal;

/**
 * One connection made ready for routing: filters compiled and the transform parsed, once per
 * connection version. Thread-safe.
 */
@FunctionalInterface
public interface CompiledRoute {

  /** What to do with {@code event} for this connection. */
  Decision evaluate(RoutedEvent event);

  /** The outcome for one connection. */
  sealed interface Decision {
    /** The filters did not match. */
    record Skip() implements Decision {}

    /** Deliver {@code payload} (null: the event's own body) with {@code contentType}. */
    record Deliver(byte[] payload, String contentType) implements Decision {}

    /** The transform failed at run time; the delivery fails with {@code error}, not retried. */
    record TransformFailed(String error) implements Decision {}

    Decision SKIP = new Skip();
    Decision ORIGINAL = new Deliver(null, null);
  }
}
