package io.hookstream.providers.http.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the signature headers of one outbound request.
 *
 * <ul>
 *   <li>HMAC: {@code header: prefix + hex(HMAC(secret, payload))}, where payload is the body, or
 *       {@code <unix seconds> "." <body>} with the seconds also in {@code timestampHeader}.
 *   <li>Standard Webhooks: {@code webhook-id: <event id>}, {@code webhook-timestamp: <unix
 *       seconds>}, {@code webhook-signature: v1,<base64(HMAC-SHA256(key, id "." ts "." body))>}.
 * </ul>
 *
 * <p>Stateless and safe for concurrent use.
 */
public final class Signer {

  private Signer() {}

  /** The headers to add, in order. */
  public static Map<String, String> headers(
      SigningConfig signing, String eventId, Instant timestamp, byte[] body) {
    String seconds = Long.toString(timestamp.getEpochSecond());
    Map<String, String> headers = new LinkedHashMap<>();
    if (signing.mode() == SigningConfig.Mode.STANDARD_WEBHOOKS) {
      byte[] mac =
          hmac(
              "sha256",
              signing.key(),
              (eventId + "." + seconds + ".").getBytes(StandardCharsets.UTF_8),
              body);
      headers.put("webhook-id", eventId);
      headers.put("webhook-timestamp", seconds);
      headers.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(mac));
      return headers;
    }
    byte[] prelude =
        signing.includeTimestamp() ? (seconds + ".").getBytes(StandardCharsets.UTF_8) : new byte[0];
    byte[] mac = hmac(signing.algorithm(), signing.key(), prelude, body);
    if (signing.includeTimestamp()) {
      headers.put(signing.timestampHeader(), seconds);
    }
    headers.put(signing.header(), signing.prefix() + HexFormat.of().formatHex(mac));
    return headers;
  }

  private static byte[] hmac(String algorithm, byte[] key, byte[] prelude, byte[] body) {
    String jca = "Hmac" + algorithm.toUpperCase(Locale.ROOT);
    try {
      Mac mac = Mac.getInstance(jca);
      mac.init(new SecretKeySpec(key, jca));
      mac.update(prelude);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every JDK ships HmacSHA256 and HmacSHA1, and any non-empty key is valid for them.
      throw new IllegalStateException("cannot compute " + jca, e);
    }
  }
}
