package io.hookstream.spi;

/** The stable error codes of {@link HookstreamException}, each with the HTTP status it maps to. */
public enum ErrorCode {
  BAD_REQUEST(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  /** Existed, and is gone for good (an expired or used-up test session). */
  GONE(410),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  VALIDATION_FAILED(422),
  RATE_LIMITED(429),
  INTERNAL(500),
  UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the REST layer answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
