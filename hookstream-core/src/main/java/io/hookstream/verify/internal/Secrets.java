package io.hookstream.verify.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Parses secrets whose text is not used as-is; each parser throws {@link IllegalArgumentException}
 * with a message fit for a field error.
 */
final class Secrets {

  static final String WHSEC_PREFIX = "whsec_";
  private static final ECParameterSpec P256 = p256();

  private Secrets() {}

  /** A Standard Webhooks key: {@code whsec_} + base64 (the prefix may be omitted). */
  static byte[] standardWebhooksKey(String secret) {
    String encoded = secret.trim();
    if (encoded.startsWith(WHSEC_PREFIX)) {
      encoded = encoded.substring(WHSEC_PREFIX.length());
    }
    byte[] key = Codecs.base64(encoded);
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException(
          "must be whsec_ followed by the base64 key (as the sender shows it)");
    }
    return key;
  }

  /** SendGrid's verification key: a base64 X.509 (SubjectPublicKeyInfo) ECDSA P-256 key. */
  static ECPublicKey sendGridKey(String secret) {
    byte[] der = Codecs.base64(secret.trim());
    if (der == null) {
      throw new IllegalArgumentException("must be SendGrid's base64 verification key");
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a base64 X.509 EC public key", e);
    }
    if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
      throw new IllegalArgumentException("must be an ECDSA P-256 public key");
    }
    return ec;
  }

  private static boolean isP256(ECParameterSpec params) {
    BigInteger order = params.getOrder();
    return order.equals(P256.getOrder())
        && params.getGenerator().equals(P256.getGenerator())
        && params.getCurve().equals(P256.getCurve());
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM does not support the P-256 curve", e);
    }
  }
}
