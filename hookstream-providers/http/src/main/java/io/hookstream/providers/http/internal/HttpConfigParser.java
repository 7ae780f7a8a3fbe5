package io.hookstream.providers.http.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Reads an {@code http} destination config (a JSON object as Java maps) into an {@link HttpConfig},
 * naming every invalid field with a dot path. IP-literal URLs are checked against the {@link
 * AddressPolicy} here, since OkHttp connects to them without asking its resolver.
 *
 * <p>Immutable and safe for concurrent use.
 */
public final class HttpConfigParser {

  public static final String DEFAULT_SIGNATURE_HEADER = "X-hookstream-Signature";
  public static final String TIMESTAMP_HEADER = "X-hookstream-Timestamp";
  public static final String EVENT_ID_HEADER = "X-hookstream-Event-Id";
  public static final String TOPIC_HEADER = "X-hookstream-Topic";
  public static final String ATTEMPT_HEADER = "X-hookstream-Delivery-Attempt";
  public static final String STANDARD_WEBHOOKS = "standard_webhooks";

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final int MIN_TIMEOUT_SECONDS = 1;
  private static final int MAX_TIMEOUT_SECONDS = 120;
  private static final String WHSEC_PREFIX = "whsec_";
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
  // Set by the client or by the provider itself; a config may not override them.
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          EVENT_ID_HEADER.toLowerCase(Locale.ROOT),
          ATTEMPT_HEADER.toLowerCase(Locale.ROOT),
          TIMESTAMP_HEADER.toLowerCase(Locale.ROOT),
          TOPIC_HEADER.toLowerCase(Locale.ROOT));

  private final AddressPolicy policy;

  public HttpConfigParser(AddressPolicy policy) {
    this.policy = policy;
  }

  /** The parse outcome: a config when {@code errors} is empty, else null. */
  public record Parsed(HttpConfig config, List<FieldError> errors) {}

  public Parsed parse(Map<String, Object> config) {
    List<FieldError> errors = new ArrayList<>();
    HttpUrl url = url(config.get("url"), errors);
    String method = method(config.get("method"), errors);
    Map<String, String> headers = headers(config.get("headers"), errors);
    Duration timeout = timeout(config.get("timeout"), errors);
    SigningConfig signing = signing(config.get("signing_config"), errors);
    if (!errors.isEmpty()) {
      return new Parsed(null, List.copyOf(errors));
    }
    return new Parsed(new HttpConfig(url, method, headers, timeout, signing), List.of());
  }

  private HttpUrl url(Object value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError("url", "is required"));
      return null;
    }
    HttpUrl url = value instanceof String s ? HttpUrl.parse(s.trim()) : null;
    if (url == null) {
      errors.add(new FieldError("url", "must be an absolute http or https URL"));
      return null;
    }
    if (AddressPolicy.isIpLiteral(url.host())) {
      InetAddress address;
      try {
        address = AddressPolicy.literal(url.host());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("url", "host " + url.host() + " is not a valid IP address"));
        return null;
      }
      String rejection = policy.rejection(url.host(), address);
      if (rejection != null) {
        errors.add(new FieldError("url", rejection));
        return null;
      }
    }
    return url;
  }

  private static String method(Object value, List<FieldError> errors) {
    if (value == null) {
      return "POST";
    }
    String method = value instanceof String s ? s.trim().toUpperCase(Locale.ROOT) : null;
    if (method == null || !METHODS.contains(method)) {
      errors.add(new FieldError("method", "must be one of GET, POST, PUT, PATCH, DELETE"));
    }
    return method;
  }

  private static Map<String, String> headers(Object value, List<FieldError> errors) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (value == null) {
      return headers;
    }
    if (!(value instanceof Map<?, ?> map)) {
      errors.add(new FieldError("headers", "must be an object of header names to string values"));
      return headers;
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String name = String.valueOf(entry.getKey());
      String field = "headers." + name;
      if (!isToken(name)) {
        errors.add(new FieldError(field, "is not a valid HTTP header name"));
      } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        errors.add(new FieldError(field, "is set by hookstream and cannot be configured"));
      } else if (!(entry.getValue() instanceof String headerValue)) {
        errors.add(new FieldError(field, "must be a string"));
      } else if (!isHeaderValue(headerValue)) {
        errors.add(new FieldError(field, "must not contain control characters (CR, LF, NUL...)"));
      } else {
        headers.put(name, headerValue);
      }
    }
    return headers;
  }

  private static Duration timeout(Object value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      double seconds = number.doubleValue();
      if (seconds >= MIN_TIMEOUT_SECONDS && seconds <= MAX_TIMEOUT_SECONDS) {
        return Duration.ofMillis(Math.round(seconds * 1000));
      }
    }
    errors.add(
        new FieldError(
            "timeout",
            "must be a number of seconds from "
                + MIN_TIMEOUT_SECONDS
                + " to "
                + MAX_TIMEOUT_SECONDS));
    return null;
  }

  private static SigningConfig signing(Object value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> map)) {
      errors.add(new FieldError("signing_config", "must be an object"));
      return null;
    }
    int before = errors.size();
    String algorithm = algorithm(map.get("algorithm"), errors);
    SigningConfig.Mode mode = mode(map.get("mode"), algorithm, errors);
    if (mode == SigningConfig.Mode.STANDARD_WEBHOOKS) {
      if ("sha1".equals(algorithm)) {
        errors.add(
            new FieldError(
                "signing_config.algorithm",
                "standard_webhooks signs with HMAC-SHA256; omit algorithm or use sha256"));
      }
      byte[] key = standardWebhooksKey(map.get("secret"), errors);
      return errors.size() > before
          ? null
          : new SigningConfig(mode, "sha256", key, null, null, false, null);
    }
    String hmac = algorithm == null || algorithm.equals(STANDARD_WEBHOOKS) ? "sha256" : algorithm;
    byte[] key = hmacKey(map.get("secret"), errors);
    String header =
        headerName(
            map.get("header"), "signing_config.header", DEFAULT_SIGNATURE_HEADER, false, errors);
    String prefix = hmac + "=";
    Object prefixValue = map.get("prefix");
    if (prefixValue instanceof String p && isHeaderValue(p)) {
      prefix = p;
    } else if (prefixValue != null) {
      errors.add(
          new FieldError("signing_config.prefix", "must be a string without control characters"));
    }
    boolean includeTimestamp = false;
    Object include = map.get("include_timestamp");
    if (include instanceof Boolean b) {
      includeTimestamp = b;
    } else if (include != null) {
      errors.add(new FieldError("signing_config.include_timestamp", "must be true or false"));
    }
    String timestampHeader =
        headerName(
            map.get("timestamp_header"),
            "signing_config.timestamp_header",
            TIMESTAMP_HEADER,
            true,
            errors);
    return errors.size() > before
        ? null
        : new SigningConfig(mode, hmac, key, header, prefix, includeTimestamp, timestampHeader);
  }

  /** Canonical algorithm ({@code sha256}, {@code sha1}, {@code standard_webhooks}) or null. */
  private static String algorithm(Object value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    String spelled = value instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : "";
    String bare = spelled.replace('-', '_');
    if (bare.startsWith("hmac_")) {
      bare = bare.substring("hmac_".length());
    }
    switch (bare) {
      case "sha256", "sha_256":
        return "sha256";
      case "sha1", "sha_1":
        return "sha1";
      case STANDARD_WEBHOOKS:
        return STANDARD_WEBHOOKS;
      default:
        errors.add(
            new FieldError(
                "signing_config.algorithm", "must be sha256, sha1 or standard_webhooks"));
        return null;
    }
  }

  private static SigningConfig.Mode mode(Object value, String algorithm, List<FieldError> errors) {
    if (value == null) {
      return STANDARD_WEBHOOKS.equals(algorithm)
          ? SigningConfig.Mode.STANDARD_WEBHOOKS
          : SigningConfig.Mode.HMAC;
    }
    String mode =
        value instanceof String s ? s.trim().toLowerCase(Locale.ROOT).replace('-', '_') : "";
    if (mode.equals(STANDARD_WEBHOOKS)) {
      return SigningConfig.Mode.STANDARD_WEBHOOKS;
    }
    if (mode.equals("hmac") && !STANDARD_WEBHOOKS.equals(algorithm)) {
      return SigningConfig.Mode.HMAC;
    }
    errors.add(new FieldError("signing_config.mode", "must be hmac or standard_webhooks"));
    return null;
  }

  private static byte[] hmacKey(Object value, List<FieldError> errors) {
    if (value instanceof String secret && !secret.isEmpty()) {
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    errors.add(new FieldError("signing_config.secret", "is required (a non-empty string)"));
    return null;
  }

  private static byte[] standardWebhooksKey(Object value, List<FieldError> errors) {
    if (value instanceof String secret) {
      String encoded =
          secret.startsWith(WHSEC_PREFIX) ? secret.substring(WHSEC_PREFIX.length()) : secret;
      if (!encoded.isEmpty() && encoded.length() % 4 == 0 && BASE64.matcher(encoded).matches()) {
        return Base64.getDecoder().decode(encoded);
      }
    }
    errors.add(
        new FieldError(
            "signing_config.secret",
            "must be whsec_ followed by the base64 of the key (Standard Webhooks)"));
    return null;
  }

  private static String headerName(
      Object value,
      String field,
      String fallback,
      boolean mayBeTimestamp,
      List<FieldError> errors) {
    if (value == null) {
      return fallback;
    }
    String name = value instanceof String s ? s.trim() : "";
    String lower = name.toLowerCase(Locale.ROOT);
    boolean allowedReserved =
        mayBeTimestamp && lower.equals(TIMESTAMP_HEADER.toLowerCase(Locale.ROOT));
    if (!isToken(name)) {
      errors.add(new FieldError(field, "must be a valid HTTP header name"));
    } else if (RESERVED_HEADERS.contains(lower) && !allowedReserved) {
      errors.add(new FieldError(field, "is set by hookstream and cannot be used here"));
    }
    return name;
  }

  /** RFC 9110 token: a header name. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** No control characters other than horizontal tab. */
  static boolean isHeaderValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
