package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code rabbitmq} destination's config. The seed's fields ({@code url}, {@code vhost}, {@code
 * exchange}, {@code routing_key}, {@code username}, {@code password}) serve both modes: an http(s)
 * {@code url} is the Management API, an amqp(s) {@code url} the native protocol. {@code mode}
 * ({@code management} or {@code amqp}) may say so explicitly and must agree with the URL. A record,
 * so that a changed config means a different cached publisher; {@link #toString} hides the
 * password.
 */
public record RabbitConfig(
    Mode mode,
    URI url,
    String vhost,
    String exchange,
    String routingKey,
    String username,
    String password) {

  public static final String MODE = "mode";
  public static final String URL = "url";
  public static final String VHOST = "vhost";
  public static final String EXCHANGE = "exchange";
  public static final String ROUTING_KEY = "routing_key";
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";

  /** How messages reach the broker. */
  public enum Mode {
    MANAGEMENT,
    AMQP
  }

  /** The config, or the errors that name each invalid field. */
  public static ParsedConfig parse(Map<String, Object> config, AddressPolicy policy) {
    ConfigReader reader = new ConfigReader(config);
    String modeName = reader.optional(MODE);
    URI url = url(reader);
    Mode mode = url == null ? null : modeOf(url);
    if (modeName != null) {
      Mode named = named(modeName);
      if (named == null) {
        reader.error(MODE, "must be one of management, amqp");
      } else if (mode != null && named != mode) {
        reader.error(
            URL,
            named == Mode.AMQP
                ? "must be an amqp:// or amqps:// URL in amqp mode"
                : "must be an http:// or https:// URL in management mode");
      }
    }
    String vhost = reader.optional(VHOST);
    String exchange = reader.required(EXCHANGE);
    String routingKey = reader.requiredAllowEmpty(ROUTING_KEY);
    String username = reader.required(USERNAME);
    String password = reader.required(PASSWORD);
    // The engine reads these into the request's timeout; checked here so a typo is a 422.
    reader.numberBetween("timeout", 1, 120);
    reader.numberBetween("timeout_ms", 1, 120_000);
    if (url != null && AddressPolicy.isIpLiteral(url.getHost())) {
      String rejection = policy.rejection(url.getHost(), AddressPolicy.literal(url.getHost()));
      if (rejection != null) {
        reader.error(URL, rejection);
      }
    }
    List<FieldError> errors = reader.errors();
    return new ParsedConfig(
        errors.isEmpty()
            ? new RabbitConfig(
                mode, url, vhost == null ? "/" : vhost, exchange, routingKey, username, password)
            : null,
        errors);
  }

  private static Mode named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "management", "http" -> Mode.MANAGEMENT;
      case "amqp" -> Mode.AMQP;
      default -> null;
    };
  }

  private static Mode modeOf(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    return scheme.startsWith("amqp") ? Mode.AMQP : Mode.MANAGEMENT;
  }

  /** An absolute http(s) or amqp(s) URL without credentials (they go in username/password). */
  private static URI url(ConfigReader reader) {
    String text = reader.required(URL);
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      reader.error(URL, "must be an absolute http(s) or amqp(s) URL");
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!List.of("http", "https", "amqp", "amqps").contains(scheme) || uri.getHost() == null) {
      reader.error(URL, "must be an absolute http(s) or amqp(s) URL");
      return null;
    }
    if (uri.getRawUserInfo() != null) {
      reader.error(URL, "must not carry credentials: use username and password");
      return null;
    }
    if (scheme.startsWith("amqp") && !(uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
      reader.error(URL, "must not name a virtual host in amqp mode: use vhost");
      return null;
    }
    return uri;
  }

  /** No secret in the text: this may be logged. */
  @Override
  public String toString() {
    return "RabbitConfig[mode="
        + mode
        + ", url="
        + url
        + ", vhost="
        + vhost
        + ", exchange="
        + exchange
        + ", routingKey="
        + routingKey
        + ", username="
        + username
        + "]";
  }
}
