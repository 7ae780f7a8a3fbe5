package io.hookstream.verify;

import io.hookstream.spi.FieldError;
import io.hookstream.spi.store.SourceRecord.Verification;
import io.hookstream.verify.internal.VerificationValidator;
import io.hookstream.verify.internal.VerifierFactory;
import java.util.List;

/**
 * Entry points for a source's signature verification: {@link #validate} when the settings are
 * written, {@link #create} to compile them once per source version. Stateless and thread-safe.
 */
public final class SignatureVerifiers {

  /** API field names used in the {@link FieldError}s of {@link #validate}. */
  public static final String FIELD_TYPE = "verification_type";

  public static final String FIELD_SECRET = "verification_secret";
  public static final String FIELD_HEADER = "verification_header";
  public static final String FIELD_ENCODING = "verification_encoding";
  public static final String FIELD_PREFIX = "verification_prefix";
  public static final String FIELD_TIMESTAMP_HEADER = "verification_timestamp_header";
  public static final String FIELD_TOLERANCE = "verification_tolerance_seconds";

  /** The header generic HMAC schemes read when none is configured. */
  public static final String DEFAULT_HMAC_HEADER = "X-Webhook-Signature";

  /** The default replay tolerance of timestamped schemes (Paddle: 5 s, Linear: 60 s). */
  public static final int DEFAULT_TOLERANCE_SECONDS = 300;

  public static final int MIN_TOLERANCE_SECONDS = 1;
  public static final int MAX_TOLERANCE_SECONDS = 86_400;

  private SignatureVerifiers() {}

  /**
   * Every problem with {@code verification} as a field error ({@code verification_type}, {@code
   * verification_secret}, ...); empty when {@link #create} will accept it. The source service
   * raises a non-empty list as a 422.
   */
  public static List<FieldError> validate(Verification verification) {
    return VerificationValidator.validate(verification);
  }

  /**
   * Compiles {@code verification}: parses the secret or key and prepares the MAC once.
   *
   * @throws io.hookstream.spi.HookstreamException a 422 naming the invalid fields
   */
  public static SignatureVerifier create(Verification verification) {
    return VerifierFactory.create(verification);
  }

  /** The canonical spelling of {@code type} (for example {@code hmac-sha256} to hmac_sha256). */
  public static java.util.Optional<String> canonicalType(String type) {
    return VerificationType.parse(type).map(VerificationType::canonicalName);
  }
}
