package io.hookstream.verify.internal;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.verify.SignatureVerifier;
import io.hookstream.verify.VerificationType;
import java.time.Duration;
import java.time.Instant;

/**
 * Verifies an HMAC over {@code contentPrefix + body} as laid out by a {@link SignatureFormat},
 * then, for an authentic request, the signed timestamp against the tolerance. The signature is
 * checked first so that "outside tolerance" is only ever said about a genuine, replayed request.
 */
final class HmacVerifier implements SignatureVerifier {

  private final VerificationType type;
  private final Hmac hmac;
  private final SignatureFormat format;
  private final Duration tolerance;

  /** {@code tolerance} is null when the scheme carries no timestamp. */
  HmacVerifier(VerificationType type, Hmac hmac, SignatureFormat format, Duration tolerance) {
    this.type = type;
    this.hmac = hmac;
    this.format = format;
    this.tolerance = tolerance;
  }

  @Override
  public VerificationType type() {
    return type;
  }

  @Override
  public void verify(IngestRequest request, Instant now) {
    Presented presented = format.read(request);
    byte[] expected = hmac.sign(presented.contentPrefix(), request.body());
    if (!Hmac.anyEqual(expected, presented.signatures())) {
      throw Rejections.mismatch(presented.signatureHeader());
    }
    if (presented.timestamp() != null && tolerance != null) {
      Timestamps.check(presented.timestamp(), now, tolerance, presented.timestampSource());
    }
  }
}
