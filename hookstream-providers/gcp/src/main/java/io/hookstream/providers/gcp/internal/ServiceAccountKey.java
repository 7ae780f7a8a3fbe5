package io.hookstream.providers.gcp.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.provider.ConfigReader;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * The parts of a service-account key file that sign token requests: {@code client_email}, the RSA
 * {@code private_key} (PKCS#8 PEM), its {@code private_key_id} and the {@code token_uri} to
 * exchange the signed JWT at. The config may hold the key file as JSON text (as the seed shows) or
 * as a JSON object. A record, so a changed key means a different cached client.
 */
public record ServiceAccountKey(
    String clientEmail, PrivateKey privateKey, String privateKeyId, URI tokenUri) {

  public static final String FIELD = "service_account_json";
  public static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

  /**
   * Reads {@link #FIELD}, reporting each bad part to {@code reader} as {@code FIELD.part}. An
   * absent key is null, and an error unless {@code adcAvailable}.
   */
  public static ServiceAccountKey read(
      ConfigReader reader, Object value, AddressPolicy policy, boolean adcAvailable) {
    if (value == null) {
      if (!adcAvailable) {
        reader.error(
            FIELD,
            "is required unless google-auth-library is on the class path"
                + " (for Application Default Credentials)");
      }
      return null;
    }
    Map<String, Object> json = keyFile(reader, value);
    if (json == null) {
      return null;
    }
    ConfigReader key = new ConfigReader(json);
    if (json.get("type") != null && !"service_account".equals(json.get("type"))) {
      key.error("type", "must be \"service_account\"");
    }
    String email = key.required("client_email");
    String pem = key.required("private_key");
    String keyId = key.optional("private_key_id");
    URI tokenUri = key.url("token_uri", false, policy);
    PrivateKey privateKey = pem == null ? null : rsaKey(key, pem);
    key.errors().forEach(e -> reader.error(FIELD + "." + e.field(), e.message()));
    if (!key.errors().isEmpty()) {
      return null;
    }
    return new ServiceAccountKey(
        email, privateKey, keyId, tokenUri == null ? GOOGLE_TOKEN_URI : tokenUri);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> keyFile(ConfigReader reader, Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> parsed = value instanceof String s ? JsonReader.object(s) : null;
    if (parsed == null) {
      reader.error(FIELD, "must be a service account key file (a JSON object or its text)");
    }
    return parsed;
  }

  private static PrivateKey rsaKey(ConfigReader key, String pem) {
    String base64 =
        pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s|\\\\n", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      key.error("private_key", "must be an RSA private key in PKCS#8 PEM form");
      return null;
    }
  }

  /** No key material in the text: this may be logged. */
  @Override
  public String toString() {
    return "ServiceAccountKey[clientEmail=" + clientEmail + ", tokenUri=" + tokenUri + "]";
  }
}
