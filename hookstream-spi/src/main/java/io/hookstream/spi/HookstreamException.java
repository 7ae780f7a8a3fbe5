package io.hookstream.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one unchecked exception hookstream throws for expected failures: bad input, unknown ids,
 * conflicts, rejected webhooks, an unavailable store. {@link #code()} is stable and maps to an HTTP
 * status; {@link #fieldErrors()} names the offending fields; {@link #details()} carries extra
 * response fields (for example {@code validation_errors} or a duplicate's {@code event_id}).
 */
public class HookstreamException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient List<FieldError> fieldErrors;
  private final transient Map<String, Object> details;

  public HookstreamException(ErrorCode code, String message) {
    this(code, message, List.of(), Map.of(), null);
  }

  public HookstreamException(ErrorCode code, String message, Throwable cause) {
    this(code, message, List.of(), Map.of(), cause);
  }

  public HookstreamException(
      ErrorCode code,
      String message,
      List<FieldError> fieldErrors,
      Map<String, Object> details,
      Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.fieldErrors = List.copyOf(fieldErrors);
    this.details = Map.copyOf(details);
  }

  /** A 404 for {@code what} (for example "source") with {@code id}. */
  public static HookstreamException notFound(String what, String id) {
    return new HookstreamException(ErrorCode.NOT_FOUND, what + " not found: " + id);
  }

  /** A 422 naming every invalid field. */
  public static HookstreamException invalid(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("no field errors");
    }
    String message = errors.size() == 1 ? errors.get(0).toString() : "invalid fields: " + errors;
    return new HookstreamException(ErrorCode.VALIDATION_FAILED, message, errors, Map.of(), null);
  }

  /** A 422 for one invalid field. */
  public static HookstreamException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public Map<String, Object> details() {
    return details;
  }
}
