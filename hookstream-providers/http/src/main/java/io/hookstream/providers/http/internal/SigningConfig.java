package io.hookstream.providers.http.internal;

/**
 * A parsed {@code signing_config}: how to sign each outbound request.
 *
 * @param mode HMAC over the body (hex, in {@code header}) or the Standard Webhooks scheme
 * @param algorithm {@code sha256} or {@code sha1} (always {@code sha256} for Standard Webhooks)
 * @param key the HMAC key: the secret's UTF-8 bytes, or for Standard Webhooks the base64-decoded
 *     bytes after {@code whsec_}
 * @param header the signature header (HMAC mode)
 * @param prefix written before the hex signature (HMAC mode)
 * @param includeTimestamp whether the signed string is {@code <unix seconds>.<body>} (HMAC mode)
 * @param timestampHeader where the unix timestamp goes when {@code includeTimestamp}
 */
public record SigningConfig(
    Mode mode,
    String algorithm,
    byte[] key,
    String header,
    String prefix,
    boolean includeTimestamp,
    String timestampHeader) {

  /** The signing schemes. */
  public enum Mode {
    HMAC,
    STANDARD_WEBHOOKS
  }
}
