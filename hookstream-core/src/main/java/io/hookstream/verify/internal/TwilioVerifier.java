package io.hookstream.verify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.verify.SignatureVerifier;
import io.hookstream.verify.VerificationType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twilio: {@code X-Twilio-Signature} is base64 HMAC-SHA1 (key: the auth token) of the full request
 * URL followed, for form posts, by every POST parameter as name+value, sorted by name (then value).
 * JSON requests instead carry {@code bodySHA256=<hex sha256 of body>} in the URL, which is signed
 * with the URL and checked against the body. As Twilio's own validator does, the URL is tried with
 * and without its port. The URL must be the one Twilio called: behind a proxy the host has to pass
 * the public URL in {@link IngestRequest#url()}.
 */
final class TwilioVerifier implements SignatureVerifier {

  static final String HEADER = "X-Twilio-Signature";
  private static final String BODY_HASH_PARAM = "bodySHA256";

  private final Hmac hmac;

  TwilioVerifier(Hmac hmac) {
    this.hmac = hmac;
  }

  @Override
  public VerificationType type() {
    return VerificationType.TWILIO;
  }

  @Override
  public void verify(IngestRequest request, Instant now) {
    byte[] signature = Codecs.base64(SignatureFormat.required(request, HEADER));
    if (signature == null || signature.length != hmac.length()) {
      throw Rejections.malformed(HEADER, "signature is not a base64 HMAC-SHA1");
    }
    String url = request.url();
    if (url == null) {
      throw Rejections.malformed(
          "request URL", "unknown; Twilio signs the full URL the host must pass to hookstream");
    }
    String bodyHash = queryParam(url, BODY_HASH_PARAM);
    String params = bodyHash == null && isForm(request) ? sortedParams(request.body()) : "";
    boolean match = false;
    for (String candidate : urlVariants(url)) {
      match |= Hmac.anyEqual(hmac.sign((candidate + params).getBytes(UTF_8)), List.of(signature));
    }
    if (!match) {
      throw Rejections.mismatch(HEADER);
    }
    if (bodyHash != null
        && !MessageDigest.isEqual(sha256Hex(request.body()), utf8Lower(bodyHash))) {
      throw Rejections.mismatch(BODY_HASH_PARAM + " (the body does not match its signed hash)");
    }
  }

  private static boolean isForm(IngestRequest request) {
    String type = request.contentType();
    return type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static String sortedParams(byte[] body) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    String text = new String(body, UTF_8);
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(Map.entry(decode(name), decode(value)));
    }
    pairs.sort(
        Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    StringBuilder sb = new StringBuilder();
    pairs.forEach(p -> sb.append(p.getKey()).append(p.getValue()));
    return sb.toString();
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, UTF_8);
    } catch (IllegalArgumentException e) {
      throw Rejections.malformed(
          "form body", "bad percent-encoding in '" + Timestamps.abbreviate(value) + "'");
    }
  }

  private static String queryParam(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    int end = url.indexOf('#', q);
    for (String pair : url.substring(q + 1, end < 0 ? url.length() : end).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
        return decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  /** The URL as given, with its port removed, and with the scheme's default port added. */
  static Set<String> urlVariants(String url) {
    Set<String> variants = new LinkedHashSet<>();
    variants.add(url);
    try {
      URI uri = new URI(url);
      String authority = uri.getRawAuthority();
      if (authority == null || uri.getHost() == null) {
        return variants;
      }
      int at = url.indexOf(authority);
      String head = url.substring(0, at);
      String tail = url.substring(at + authority.length());
      String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
      String host = userInfo + uri.getHost();
      int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
      variants.add(head + host + tail);
      if (port >= 0) {
        variants.add(head + host + ":" + port + tail);
      }
    } catch (URISyntaxException e) {
      // Not parseable: only the URL exactly as given can match.
    }
    return variants;
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
  }

  private static byte[] sha256Hex(byte[] body) {
    try {
      return utf8Lower(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  private static byte[] utf8Lower(String value) {
    return value.toLowerCase(Locale.ROOT).getBytes(UTF_8);
  }
}
