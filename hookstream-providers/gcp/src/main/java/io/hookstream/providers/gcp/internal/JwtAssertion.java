package io.hookstream.providers.gcp.internal;

import io.hookstream.spi.JsonSyntax;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed JWT a service account trades for an access token (Google's OAuth 2.0 JWT bearer flow):
 * RS256 with the key's private key, {@code iss} and {@code sub} the client email, {@code scope}
 * Pub/Sub, {@code aud} the key's token URI, valid for one hour. JDK crypto only. Stateless.
 */
public final class JwtAssertion {

  public static final String SCOPE = "https://www.googleapis.com/auth/pubsub";
  public static final Duration LIFETIME = Duration.ofHours(1);

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private JwtAssertion() {}

  /** The compact JWT for {@code key}, issued at {@code now}. */
  public static String sign(ServiceAccountKey key, Instant now) {
    StringBuilder header = new StringBuilder("{\"alg\":\"RS256\",\"typ\":\"JWT\"");
    if (key.privateKeyId() != null) {
      header.append(",\"kid\":");
      JsonSyntax.quote(header, key.privateKeyId());
    }
    header.append('}');
    StringBuilder claims = new StringBuilder("{\"iss\":");
    JsonSyntax.quote(claims, key.clientEmail());
    claims.append(",\"sub\":");
    JsonSyntax.quote(claims, key.clientEmail());
    claims.append(",\"scope\":");
    JsonSyntax.quote(claims, SCOPE);
    claims.append(",\"aud\":");
    JsonSyntax.quote(claims, key.tokenUri().toString());
    long iat = now.getEpochSecond();
    claims.append(",\"iat\":").append(iat);
    claims.append(",\"exp\":").append(iat + LIFETIME.toSeconds()).append('}');
    String signingInput = encode(header.toString()) + "." + encode(claims.toString());
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing the token request failed", e);
    }
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
