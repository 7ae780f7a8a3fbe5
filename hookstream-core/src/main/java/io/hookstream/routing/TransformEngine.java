package io.hookstream.routing;

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
}
