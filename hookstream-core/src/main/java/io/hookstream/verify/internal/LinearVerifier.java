package io.hookstream.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.internal.Json;
import io.hookstream.verify.SignatureVerifier;
import io.hookstream.verify.VerificationType;
import java.time.Duration;
import java.time.Instant;

/**
 * Linear: hex HMAC-SHA256 of the body in {@code Linear-Signature}, then the body's {@code
 * webhookTimestamp} (Unix milliseconds) must be within the tolerance (Linear says one minute).
 */
final class LinearVerifier implements SignatureVerifier {

  static final String HEADER = "Linear-Signature";
  static final String TIMESTAMP_FIELD = "webhookTimestamp";
  private static final String WHERE = "body field " + TIMESTAMP_FIELD;

  private final HmacVerifier signature;
  private final Duration tolerance;

  LinearVerifier(Hmac hmac, Duration tolerance) {
    SignatureFormat format =
        new SingleHeaderFormat(HEADER, null, Encoding.HEX, hmac.length(), null, "", "");
    this.signature = new HmacVerifier(VerificationType.LINEAR, hmac, format, null);
    this.tolerance = tolerance;
  }

  @Override
  public VerificationType type() {
    return VerificationType.LINEAR;
  }

  @Override
  public void verify(IngestRequest request, Instant now) {
    signature.verify(request, now);
    JsonNode body = Json.parseOrNull(request.body());
    JsonNode millis = body == null ? null : body.get(TIMESTAMP_FIELD);
    if (millis == null || !millis.canConvertToLong() || !millis.isIntegralNumber()) {
      throw Rejections.malformed(WHERE, "missing or not Unix milliseconds");
    }
    Timestamps.check(Instant.ofEpochMilli(millis.longValue()), now, tolerance, WHERE);
  }
}
