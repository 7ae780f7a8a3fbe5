package io.hookstream.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Validation names each bad field by its dot path; masking hides secrets. */
class HttpConfigTest {

  private static final HttpDestinationProvider provider = HttpDestinationProvider.builder().build();

  @AfterAll
  static void closeProvider() {
    provider.close();
  }

  @Test
  void aFullValidConfigHasNoErrors() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", "https://api.example.com/webhook");
    config.put("method", "patch");
    config.put(
        "headers", Map.of("Authorization", "Bearer sk_live_123", "X-Custom-Header", "value"));
    config.put("timeout", 30);
    config.put(
        "signing_config",
        Map.of(
            "secret", "s3cret",
            "algorithm", "hmac-sha256",
            "header", "X-Sig",
            "prefix", "v=",
            "include_timestamp", true,
            "timestamp_header", "X-Sig-Ts"));
    assertThat(provider.validate(config)).isEmpty();
  }

  @Test
  void anEmptyConfigNeedsAUrl() {
    assertThat(provider.validate(Map.of())).containsExactly(new FieldError("url", "is required"));
  }

  @Test
  void everyBadFieldIsNamed() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", "ftp://files.example.com/x");
    config.put("method", "TRACE");
    config.put("timeout", 121);
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("X-Foo", 42);
    headers.put("X-Injected", "a\r\nX-Evil: 1");
    headers.put("Bad Name", "v");
    headers.put("Content-Length", "10");
    headers.put("X-hookstream-Event-Id", "spoofed");
    config.put("headers", headers);
    config.put(
        "signing_config",
        Map.of("algorithm", "md5", "include_timestamp", "yes", "header", "X Sig"));

    assertThat(fields(provider.validate(config)))
        .containsExactlyInAnyOrder(
            "url",
            "method",
            "timeout",
            "headers.X-Foo",
            "headers.X-Injected",
            "headers.Bad Name",
            "headers.Content-Length",
            "headers.X-hookstream-Event-Id",
            "signing_config.algorithm",
            "signing_config.secret",
            "signing_config.header",
            "signing_config.include_timestamp");
  }

  @Test
  void timeoutMustBeOneToOneHundredTwentySeconds() {
    assertThat(provider.validate(withUrl("timeout", 0)))
        .extracting(FieldError::field)
        .containsExactly("timeout");
    assertThat(provider.validate(withUrl("timeout", "30")))
        .extracting(FieldError::field)
        .containsExactly("timeout");
    assertThat(provider.validate(withUrl("timeout", 1))).isEmpty();
    assertThat(provider.validate(withUrl("timeout", 120))).isEmpty();
    assertThat(provider.validate(withUrl("timeout", 2.5))).isEmpty();
  }

  @Test
  void urlsMustBeAbsoluteHttpOrHttps() {
    assertThat(provider.validate(withUrl("url", "/relative/path")))
        .extracting(FieldError::field)
        .containsExactly("url");
    assertThat(provider.validate(withUrl("url", "not a url")))
        .extracting(FieldError::field)
        .containsExactly("url");
    assertThat(provider.validate(withUrl("url", 12)))
        .extracting(FieldError::field)
        .containsExactly("url");
    assertThat(provider.validate(withUrl("url", "http://example.com:8080/a?b=c"))).isEmpty();
  }

  @Test
  void signingConfigShapes() {
    assertThat(fields(provider.validate(withUrl("signing_config", "secret"))))
        .containsExactly("signing_config");
    assertThat(fields(provider.validate(withUrl("signing_config", Map.of("secret", "")))))
        .containsExactly("signing_config.secret");
    assertThat(
            fields(
                provider.validate(
                    withUrl(
                        "signing_config",
                        Map.of("mode", "standard_webhooks", "secret", "whsec_not*base64")))))
        .containsExactly("signing_config.secret");
    assertThat(
            fields(
                provider.validate(
                    withUrl(
                        "signing_config",
                        Map.of(
                            "mode",
                            "standard_webhooks",
                            "algorithm",
                            "sha1",
                            "secret",
                            "whsec_AQID")))))
        .containsExactly("signing_config.algorithm");
    assertThat(
            fields(
                provider.validate(withUrl("signing_config", Map.of("mode", "jwt", "secret", "x")))))
        .containsExactly("signing_config.mode");
    assertThat(
            provider.validate(
                withUrl(
                    "signing_config",
                    Map.of("mode", "standard_webhooks", "secret", "whsec_AQIDBA=="))))
        .isEmpty();
    assertThat(
            provider.validate(
                withUrl("signing_config", Map.of("algorithm", "SHA1", "secret", "x"))))
        .isEmpty();
  }

  @Test
  void maskHidesSecretHeadersAndTheSigningSecret() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer sk_live_abcdefghijkl");
    headers.put("X-API-Key", "key_0123456789abcdef");
    headers.put("X-Auth-Token", "short");
    headers.put("X-Client-Secret", "client-secret-value-1234");
    headers.put("DD-API-KEY", "dd0123456789abcdef");
    headers.put("X-Custom-Header", "visible");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", "https://api.example.com/webhook");
    config.put("headers", headers);
    config.put(
        "signing_config",
        Map.of("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "algorithm", "sha256"));
    String before = config.toString();

    Map<String, Object> masked = provider.mask(config);

    assertThat(masked.get("url")).isEqualTo("https://api.example.com/webhook");
    assertThat(asMap(masked.get("headers")))
        .containsEntry("Authorization", "****ijkl")
        .containsEntry("X-API-Key", "****cdef")
        .containsEntry("X-Auth-Token", "****")
        .containsEntry("X-Client-Secret", "****1234")
        .containsEntry("DD-API-KEY", "****cdef")
        .containsEntry("X-Custom-Header", "visible");
    assertThat(asMap(masked.get("signing_config")))
        .containsEntry("secret", "****LaSw")
        .containsEntry("algorithm", "sha256");
    assertThat(masked.toString()).doesNotContain("abcdefghijkl", "0123456789abcdef", "MfKQ9r8G");
    assertThat(config.toString()).isEqualTo(before);
  }

  private static Map<String, Object> withUrl(String key, Object value) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", "https://api.example.com/webhook");
    config.put(key, value);
    return config;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }
}
