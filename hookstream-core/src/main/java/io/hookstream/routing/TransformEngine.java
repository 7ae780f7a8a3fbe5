package io.hookstream.routing;

import io.hookstream.routing.internal.DashjoinTransformEngine;

/**
 * Compiles JSONata transform expressions. The router compiles a connection's expression once per
 * connection version and reuses the result for every event. Implementations must be safe for
 * concurrent use.
 */
public interface TransformEngine {

  /**
   * Parses {@code expression}.
   *
   * @throws io.hookstream.spi.HookstreamException VALIDATION_FAILED (422) on field {@code
   *     transform_expression} when the expression is blank or does not parse; the message has the
   *     parser's reason and position
   */
  CompiledTransform compile(String expression);

  /**
   * The JSONata engine the router uses, with its default limits (1 s and 500 nested steps per
   * evaluation); for hosts and harnesses that compile transforms outside a connection.
   */
  static TransformEngine jsonata() {
    return new DashjoinTransformEngine();
  }
}
