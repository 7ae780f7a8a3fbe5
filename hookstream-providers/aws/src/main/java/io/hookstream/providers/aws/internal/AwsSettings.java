package io.hookstream.providers.aws.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.provider.ConfigReader;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * What every AWS destination shares: the region, static credentials (all null: the SDK's default
 * credential chain, so IAM roles work) and an optional endpoint override (LocalStack-style servers,
 * tests). A record, so that a changed config means a different cached client.
 */
public record AwsSettings(
    String region, String accessKeyId, String secretAccessKey, String sessionToken, URI endpoint) {

  public static final String REGION = "region";
  public static final String ACCESS_KEY_ID = "access_key_id";
  public static final String SECRET_ACCESS_KEY = "secret_access_key";
  public static final String SESSION_TOKEN = "session_token";
  public static final String ENDPOINT = "endpoint";

  private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

  /** Reads the shared fields, reporting errors to {@code reader}. */
  public static AwsSettings read(ConfigReader reader, AddressPolicy policy) {
    String region =
        reader.matching(
            reader.required(REGION), REGION, REGION_NAME, "an AWS region name such as us-east-1");
    String keyId = reader.optional(ACCESS_KEY_ID);
    String secret = reader.optional(SECRET_ACCESS_KEY);
    String token = reader.optional(SESSION_TOKEN);
    if (keyId != null && secret == null) {
      reader.error(SECRET_ACCESS_KEY, "is required with access_key_id");
    } else if (secret != null && keyId == null) {
      reader.error(ACCESS_KEY_ID, "is required with secret_access_key");
    } else if (token != null && keyId == null) {
      reader.error(ACCESS_KEY_ID, "is required with session_token");
    }
    URI endpoint = reader.url(ENDPOINT, false, policy);
    // The engine reads these into the request's timeout; checked here so a typo is a 422.
    reader.numberBetween("timeout", 1, 120);
    reader.numberBetween("timeout_ms", 1, 120_000);
    return new AwsSettings(region, keyId, secret, token, endpoint);
  }

  /** These settings with {@code uri} as the endpoint. */
  public AwsSettings withEndpoint(URI uri) {
    return new AwsSettings(region, accessKeyId, secretAccessKey, sessionToken, uri);
  }

  /** Whether static keys are configured (else the default credential chain applies). */
  public boolean staticKeys() {
    return accessKeyId != null && secretAccessKey != null;
  }

  /** No secret in the text: this may be logged. */
  @Override
  public String toString() {
    return "AwsSettings[region="
        + region
        + ", staticKeys="
        + staticKeys()
        + ", endpoint="
        + endpoint
        + "]";
  }
}
