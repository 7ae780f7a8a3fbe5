package io.hookstream.providers.aws.internal;

/**
 * A batch call that answered 200 but refused the entry (EventBridge {@code FailedEntryCount > 0}):
 * classified by its error code like a service error.
 */
public final class EntryFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public EntryFailedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
