package io.hookstream.delivery;

/**
 * The error types a failed attempt is classified by; issues group failures of one destination by
 * them. {@link #REJECTED} is this library's addition for a delivery the provider refused to send
 * (blocked address, invalid config, unknown destination type, missing body). The last four are the
 * queue and cloud providers' failures that have no HTTP status of their own.
 */
public final class ErrorTypes {
  public static final String HTTP_5XX = "http_5xx";
  public static final String HTTP_4XX = "http_4xx";
  public static final String TIMEOUT = "timeout";
  public static final String NETWORK = "network";
  public static final String TRANSFORM_ERROR = "transform_error";
  public static final String CIRCUIT_OPEN = "circuit_open";
  public static final String ENDPOINT_GONE = "endpoint_gone";
  public static final String REJECTED = "rejected";

  /** The service asked to slow down (a 429, or AWS's throttling error codes). */
  public static final String THROTTLED = "throttled";

  /** The service refused the credentials or their permissions. */
  public static final String AUTH_FAILED = "auth_failed";

  /** The queue, bucket, bus, topic or exchange does not exist. */
  public static final String NOT_FOUND = "not_found";

  /** The message was larger than the service accepts. */
  public static final String TOO_LARGE = "too_large";

  private ErrorTypes() {}
}
