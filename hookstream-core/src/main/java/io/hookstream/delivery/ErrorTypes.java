package io.hookstream.delivery;

/**
 * The error types a failed attempt is classified by; issues group failures of one destination by
 * them. {@link #REJECTED} is this library's addition for a delivery the provider refused to send
 * (blocked address, invalid config, unknown destination type, missing body).
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

  private ErrorTypes() {}
}
