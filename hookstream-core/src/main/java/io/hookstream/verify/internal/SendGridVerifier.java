package io.hookstream.verify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.verify.SignatureVerifier;
import io.hookstream.verify.VerificationType;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * SendGrid's signed Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature} is a base64 DER
 * ECDSA P-256/SHA-256 signature of {@code timestamp + body}, the timestamp being {@code
 * X-Twilio-Email-Event-Webhook-Timestamp}. The "secret" is SendGrid's base64 public key.
 */
final class SendGridVerifier implements SignatureVerifier {

  static final String HEADER = "X-Twilio-Email-Event-Webhook-Signature";
  static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

  private final ECPublicKey key;
  private final Duration tolerance;

  SendGridVerifier(ECPublicKey key, Duration tolerance) {
    this.key = key;
    this.tolerance = tolerance;
  }

  @Override
  public VerificationType type() {
    return VerificationType.SENDGRID;
  }

  @Override
  public void verify(IngestRequest request, Instant now) {
    byte[] signature = Codecs.base64(SignatureFormat.required(request, HEADER));
    if (signature == null) {
      throw Rejections.malformed(HEADER, "signature is not base64");
    }
    String timestamp = SignatureFormat.required(request, TIMESTAMP_HEADER);
    Instant instant = Timestamps.parseSeconds(timestamp, TIMESTAMP_HEADER);
    boolean valid;
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key);
      ecdsa.update(timestamp.getBytes(UTF_8));
      ecdsa.update(request.body());
      valid = ecdsa.verify(signature);
    } catch (SignatureException e) {
      throw Rejections.malformed(HEADER, "not a DER-encoded ECDSA signature");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withECDSA is not available in this JVM", e);
    }
    if (!valid) {
      throw Rejections.mismatch(HEADER);
    }
    Timestamps.check(instant, now, tolerance, TIMESTAMP_HEADER);
  }
}
