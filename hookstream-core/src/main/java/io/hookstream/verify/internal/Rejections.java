package io.hookstream.verify.internal;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.util.List;
import java.util.Map;

/**
 * Builds the 401 a failed signature check answers with. The message names the check and the header;
 * {@code details.verification_failure} gives the check as a stable code.
 */
public final class Rejections {

  /** Key of the stable failure code in {@link HookstreamException#details()}. */
  public static final String DETAIL_KEY = "verification_failure";

  private Rejections() {}

  public static HookstreamException missingHeader(String header) {
    return reject("missing_header", "missing header " + header);
  }

  public static HookstreamException malformed(String where, String why) {
    return reject("malformed_header", "malformed " + where + ": " + why);
  }

  public static HookstreamException mismatch(String header) {
    return reject("signature_mismatch", "signature mismatch in " + header);
  }

  public static HookstreamException outsideTolerance(String where, String skew, long tolerance) {
    return reject(
        "timestamp_outside_tolerance",
        "timestamp in " + where + " is " + skew + ", outside the tolerance of " + tolerance + " s");
  }

  private static HookstreamException reject(String code, String message) {
    return new HookstreamException(
        ErrorCode.UNAUTHORIZED,
        "signature verification failed: " + message,
        List.of(),
        Map.of(DETAIL_KEY, code),
        null);
  }
}
