package io.hookstream.routing;

/**
 * A transform failed while running against one event: a JSONata runtime error (type errors,
 * invoking a non-function), a result that is not JSON, or a runaway expression stopped by the time
 * or depth limit. The delivery scheduler records it as a failed attempt that is not retried: the
 * same expression on the same event would fail again.
 */
public class TransformException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a transform failed. */
  public enum Reason {
    /** The expression raised an error or produced a value that is not JSON. */
    EVALUATION_ERROR,
    /** The expression ran longer than the engine's time limit. */
    TIME_LIMIT,
    /** The expression nested or recursed deeper than the engine's depth limit. */
    DEPTH_LIMIT
  }

  private final Reason reason;
  private final String code;

  public TransformException(Reason reason, String code, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.code = code;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * The JSONata error code when known, such as {@code T2001}; {@code U1001} for the time and depth
   * limits (as jsonata-js reports them); null otherwise.
   */
  public String code() {
    return code;
  }
}
