package io.hookstream.providers.gcp;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Throwaway service-account keys: a fresh RSA key pair wrapped in a Google key file. */
final class ServiceAccounts {

  static final String CLIENT_EMAIL = "hookstream@proj-test.iam.gserviceaccount.com";

  private ServiceAccounts() {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PKCS#8 PEM of the pair's private key, as Google's key files hold it. */
  static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The key file as a JSON object, exchanging tokens at {@code tokenUri}. */
  static Map<String, Object> keyFile(KeyPair pair, String tokenUri) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("type", "service_account");
    key.put("project_id", "proj-test");
    key.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
    key.put("private_key", pem(pair));
    key.put("client_email", CLIENT_EMAIL);
    key.put("client_id", "100000000000000000001");
    key.put("token_uri", tokenUri);
    return key;
  }

  /** The key file as the JSON text a user pastes (the seed's form). */
  static String keyFileText(KeyPair pair, String tokenUri) {
    StringBuilder out = new StringBuilder("{");
    String separator = "";
    for (var e : keyFile(pair, tokenUri).entrySet()) {
      out.append(separator)
          .append(io.hookstream.spi.JsonSyntax.quote(e.getKey()))
          .append(':')
          .append(io.hookstream.spi.JsonSyntax.quote(e.getValue().toString()));
      separator = ",";
    }
    return out.append('}').toString();
  }

  /**
   * The last chunk of the private key's base64: key material that must never be shown or stored.
   */
  static String keyMaterial(KeyPair pair) {
    String base64 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    return base64.substring(base64.length() - 40);
  }
}
