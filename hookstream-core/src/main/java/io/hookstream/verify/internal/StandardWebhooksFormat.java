package io.hookstream.verify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hookstream.ingest.IngestRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard Webhooks (https://www.standardwebhooks.com): {@code webhook-id}, {@code
 * webhook-timestamp} and {@code webhook-signature} (space-separated {@code v1,<base64>} entries,
 * any one may match) over {@code id.timestamp.body}. The {@code svix-*} names that Svix, Clerk and
 * Resend send are read when no {@code webhook-signature} header is present.
 */
final class StandardWebhooksFormat implements SignatureFormat {

  static final String ID = "webhook-id";
  static final String TIMESTAMP = "webhook-timestamp";
  static final String SIGNATURE = "webhook-signature";
  static final String SVIX_ID = "svix-id";
  static final String SVIX_TIMESTAMP = "svix-timestamp";
  static final String SVIX_SIGNATURE = "svix-signature";

  @Override
  public Presented read(IngestRequest request) {
    boolean webhook = hasAny(request, ID, TIMESTAMP, SIGNATURE);
    boolean svix = !webhook && hasAny(request, SVIX_ID, SVIX_TIMESTAMP, SVIX_SIGNATURE);
    if (!webhook && !svix) {
      throw Rejections.missingHeader(SIGNATURE + " (or " + SVIX_SIGNATURE + ")");
    }
    String signatureHeader = svix ? SVIX_SIGNATURE : SIGNATURE;
    String timestampHeader = svix ? SVIX_TIMESTAMP : TIMESTAMP;
    String id = SignatureFormat.required(request, svix ? SVIX_ID : ID);
    String timestamp = SignatureFormat.required(request, timestampHeader);
    String value = SignatureFormat.required(request, signatureHeader);
    Instant instant = Timestamps.parseSeconds(timestamp, timestampHeader);

    List<byte[]> signatures = new ArrayList<>();
    for (String entry : value.trim().split("\\s+")) {
      if (entry.startsWith("v1,")) {
        byte[] decoded = Codecs.base64(entry.substring(3));
        signatures.add(decoded == null ? new byte[0] : decoded);
      }
    }
    if (signatures.isEmpty()) {
      throw Rejections.malformed(signatureHeader, "no v1,<base64> signature");
    }
    byte[] content = (id + "." + timestamp + ".").getBytes(UTF_8);
    return new Presented(content, instant, timestampHeader, signatures, signatureHeader);
  }

  /** Which family the sender uses: the webhook-* names win when both are present. */
  private static boolean hasAny(IngestRequest request, String... headers) {
    for (String header : headers) {
      if (request.header(header).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
