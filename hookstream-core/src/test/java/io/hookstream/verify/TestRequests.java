package io.hookstream.verify;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hookstream.ingest.IngestRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds and alters requests for signature tests, and computes MACs as providers document. */
final class TestRequests {

  private TestRequests() {}

  static IngestRequest post(
      String url, String contentType, String body, Map<String, String> headers) {
    IngestRequest.Builder b =
        IngestRequest.builder()
            .url(url)
            .header("content-type", contentType)
            .body(body.getBytes(UTF_8));
    headers.forEach(b::header);
    return b.build();
  }

  /** The same request with another body. */
  static IngestRequest withBody(IngestRequest r, String body) {
    return copy(r, r.headers(), body.getBytes(UTF_8));
  }

  /** The same request with {@code name} replaced by {@code value}, or removed if value is null. */
  static IngestRequest withHeader(IngestRequest r, String name, String value) {
    Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
    headers.remove(name.toLowerCase(java.util.Locale.ROOT));
    if (value != null) {
      headers.put(name, List.of(value));
    }
    return copy(r, headers, r.body());
  }

  static String body(IngestRequest r) {
    return new String(r.body(), UTF_8);
  }

  static byte[] hmac(String algorithm, byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(content.getBytes(UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(String algorithm, String key, String content) {
    return hmac(algorithm, key.getBytes(UTF_8), content);
  }

  private static IngestRequest copy(
      IngestRequest r, Map<String, List<String>> headers, byte[] body) {
    return IngestRequest.builder()
        .method(r.method())
        .url(Objects.requireNonNull(r.url()))
        .headers(headers)
        .body(body)
        .clientIp(r.clientIp())
        .build();
  }
}
