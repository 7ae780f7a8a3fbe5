package io.hookstream.providers.gcp.internal;

/** Carries a classified failure out of the token exchange or the publish call. */
public final class PubSubException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient PubSubFailure failure;

  public PubSubException(PubSubFailure failure) {
    super(failure.error(), null, false, false);
    this.failure = failure;
  }

  public PubSubFailure failure() {
    return failure;
  }
}
