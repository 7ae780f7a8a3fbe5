package io.hookstream.verify.internal;

import io.hookstream.spi.FieldError;
import io.hookstream.spi.store.SourceRecord.Verification;
import io.hookstream.verify.SignatureVerifiers;
import io.hookstream.verify.VerificationType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Write-time checks of a source's verification settings, reported per API field. */
public final class VerificationValidator {

  private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

  private VerificationValidator() {}

  /** Every problem in {@code v}; empty when it can be compiled into a verifier. */
  public static List<FieldError> validate(Verification v) {
    List<FieldError> errors = new ArrayList<>();
    if (v.type() == null || v.type().isBlank()) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_TYPE,
              "is required when verification is configured; one of " + typeNames()));
      return errors;
    }
    VerificationType declared = VerificationType.parse(v.type()).orElse(null);
    if (declared == null) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_TYPE,
              "unknown verification type '"
                  + Timestamps.abbreviate(v.type())
                  + "'; expected one of "
                  + typeNames()));
    }
    boolean hasSecret = v.secret() != null && !v.secret().isBlank();
    if (!hasSecret) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_SECRET, "is required when verification_type is set"));
    }
    if (declared == null) {
      return errors;
    }
    VerificationType type = VerifierFactory.effectiveType(declared, v.header());
    SchemeSpec spec = SchemeSpec.of(type);
    if (spec == null) {
      checkGeneric(v, errors);
    } else {
      checkFixed(type, spec, v, errors);
    }
    if (hasSecret) {
      checkSecret(type, v.secret(), errors);
    }
    return errors;
  }

  private static void checkGeneric(Verification v, List<FieldError> errors) {
    checkHeaderName(SignatureVerifiers.FIELD_HEADER, v.header(), errors);
    checkHeaderName(SignatureVerifiers.FIELD_TIMESTAMP_HEADER, v.timestampHeader(), errors);
    if (v.encoding() != null && Encoding.parse(v.encoding()).isEmpty()) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_ENCODING,
              "must be hex or base64 (or absent, to detect it from the signature's length)"));
    }
    if (v.prefix() != null && !v.prefix().matches("[\\x21-\\x7e]{1,32}")) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_PREFIX,
              "must be 1 to 32 visible ASCII characters, such as sha256="));
    }
    if (v.toleranceSeconds() != null) {
      if (v.timestampHeader() == null) {
        errors.add(
            new FieldError(
                SignatureVerifiers.FIELD_TOLERANCE,
                "applies only with verification_timestamp_header; this scheme signs no timestamp"));
      } else {
        checkToleranceRange(v.toleranceSeconds(), errors);
      }
    }
  }

  private static void checkFixed(
      VerificationType type, SchemeSpec spec, Verification v, List<FieldError> errors) {
    String scheme = "the " + type.canonicalName() + " scheme";
    if (v.header() != null && !containsIgnoreCase(spec.signatureHeaders(), v.header())) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_HEADER,
              scheme + " reads " + String.join(" or ", spec.signatureHeaders())));
    }
    if (v.timestampHeader() != null
        && !containsIgnoreCase(spec.timestampHeaders(), v.timestampHeader())) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_TIMESTAMP_HEADER,
              spec.timestampHeaders().isEmpty()
                  ? scheme + " has no separate timestamp header"
                  : scheme + " reads " + String.join(" or ", spec.timestampHeaders())));
    }
    if (v.encoding() != null && !v.encoding().trim().equalsIgnoreCase(spec.encoding())) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_ENCODING, scheme + " always uses " + spec.encoding()));
    }
    if (v.prefix() != null && !v.prefix().equals(spec.prefix())) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_PREFIX,
              spec.prefix() == null
                  ? scheme + " has no signature prefix"
                  : scheme + " always uses the prefix " + spec.prefix()));
    }
    if (v.toleranceSeconds() != null) {
      if (!spec.timestamped()) {
        errors.add(
            new FieldError(
                SignatureVerifiers.FIELD_TOLERANCE,
                scheme + " signs no timestamp, so no tolerance applies"));
      } else {
        checkToleranceRange(v.toleranceSeconds(), errors);
      }
    }
  }

  private static void checkSecret(VerificationType type, String secret, List<FieldError> errors) {
    try {
      switch (type) {
        case STANDARD_WEBHOOKS -> Secrets.standardWebhooksKey(secret);
        case SENDGRID -> Secrets.sendGridKey(secret);
        default -> {} // used as UTF-8 text as-is
      }
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(SignatureVerifiers.FIELD_SECRET, e.getMessage()));
    }
  }

  private static void checkToleranceRange(int seconds, List<FieldError> errors) {
    if (seconds < SignatureVerifiers.MIN_TOLERANCE_SECONDS
        || seconds > SignatureVerifiers.MAX_TOLERANCE_SECONDS) {
      errors.add(
          new FieldError(
              SignatureVerifiers.FIELD_TOLERANCE,
              "must be between "
                  + SignatureVerifiers.MIN_TOLERANCE_SECONDS
                  + " and "
                  + SignatureVerifiers.MAX_TOLERANCE_SECONDS
                  + " seconds"));
    }
  }

  private static void checkHeaderName(String field, String name, List<FieldError> errors) {
    if (name == null) {
      return;
    }
    boolean valid = !name.isEmpty() && name.length() <= 256;
    for (int i = 0; valid && i < name.length(); i++) {
      char c = name.charAt(i);
      valid = c < 128 && (Character.isLetterOrDigit(c) || TOKEN_CHARS.indexOf(c) >= 0);
    }
    if (!valid) {
      errors.add(new FieldError(field, "is not a valid HTTP header name"));
    }
  }

  private static boolean containsIgnoreCase(List<String> values, String value) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(wanted));
  }

  private static String typeNames() {
    return Arrays.stream(VerificationType.values())
        .map(VerificationType::canonicalName)
        .collect(Collectors.joining(", "));
  }
}
