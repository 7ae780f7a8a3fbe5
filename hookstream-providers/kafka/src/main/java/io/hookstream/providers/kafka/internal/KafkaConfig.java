package io.hookstream.providers.kafka.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ConfigReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code kafka} destination's config. With {@code cluster_id} it produces through Confluent's
 * REST Proxy v3 (at {@code rest_endpoint}, else {@code https://} + the first bootstrap host), else
 * with a native producer. {@code api_key}/{@code api_secret} are the REST Proxy's Basic credentials
 * or the producer's SASL ones. TLS is on unless {@code security_protocol} says PLAINTEXT or
 * SASL_PLAINTEXT. A record, so that a changed config means a different cached client.
 */
public record KafkaConfig(
    List<String> bootstrapServers,
    String clusterId,
    String topic,
    String apiKey,
    String apiSecret,
    String securityProtocol,
    String saslMechanism,
    KeyPath key,
    URI restEndpoint) {

  public static final String BOOTSTRAP_SERVERS = "bootstrap_servers";
  public static final String CLUSTER_ID = "cluster_id";
  public static final String TOPIC = "topic";
  public static final String API_KEY = "api_key";
  public static final String API_SECRET = "api_secret";
  public static final String SECURITY_PROTOCOL = "security_protocol";
  public static final String SASL_MECHANISM = "sasl_mechanism";
  public static final String KEY = "key";
  public static final String REST_ENDPOINT = "rest_endpoint";

  static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  /** Kafka's own rule for topic names. */
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[a-zA-Z0-9._-]+):(\\d{1,5})");

  /** Whether deliveries go through the REST Proxy (else the native producer). */
  public boolean restProxy() {
    return clusterId != null;
  }

  /** The config, or the errors that name each invalid field. */
  public static Parsed parse(Map<String, Object> config, AddressPolicy policy) {
    ConfigReader r = new ConfigReader(config);
    List<String> servers = servers(r, policy);
    String clusterId = r.optional(CLUSTER_ID);
    String topic = r.required(TOPIC);
    if (topic != null && (!TOPIC_NAME.matcher(topic).matches() || topic.matches("\\.+"))) {
      r.error(TOPIC, "must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_', '-'");
    }
    String apiKey = r.optional(API_KEY);
    String apiSecret = r.optional(API_SECRET);
    if (apiKey != null && apiSecret == null && !r.has(API_SECRET)) {
      r.error(API_SECRET, "is required with api_key");
    } else if (apiSecret != null && apiKey == null && !r.has(API_KEY)) {
      r.error(API_KEY, "is required with api_secret");
    }
    String protocol = choice(r, SECURITY_PROTOCOL, PROTOCOLS);
    String mechanism = choice(r, SASL_MECHANISM, MECHANISMS);
    KeyPath key = KeyPath.parse(r.optional(KEY));
    if (key == null) {
      r.error(KEY, "must be a field path such as data.order_id");
    }
    URI rest = r.url(REST_ENDPOINT, false, policy);
    if (clusterId != null) {
      if (apiKey == null && !r.has(API_KEY)) {
        r.error(API_KEY, "is required for the REST Proxy (with cluster_id)");
      }
      if (apiSecret == null && !r.has(API_SECRET)) {
        r.error(API_SECRET, "is required for the REST Proxy (with cluster_id)");
      }
    } else if (rest != null) {
      r.error(REST_ENDPOINT, "applies to the REST Proxy only (set cluster_id)");
    }
    if (protocol == null) {
      protocol = apiKey != null ? "SASL_SSL" : "SSL";
    } else if (protocol.startsWith("SASL") && apiKey == null && !r.has(API_KEY)) {
      r.error(API_KEY, "is required with security_protocol " + protocol);
    }
    // The engine reads these into the request's timeout; checked here so a typo is a 422.
    r.numberBetween("timeout", 1, 120);
    r.numberBetween("timeout_ms", 1, 120_000);
    List<FieldError> errors = r.errors();
    if (!errors.isEmpty()) {
      return new Parsed(null, errors);
    }
    return new Parsed(
        new KafkaConfig(
            servers,
            clusterId,
            topic,
            apiKey,
            apiSecret,
            protocol,
            mechanism == null ? "PLAIN" : mechanism,
            key,
            rest),
        List.of());
  }

  /** {@code bootstrap_servers}: "host:port" items separated by commas. */
  private static List<String> servers(ConfigReader r, AddressPolicy policy) {
    String value = r.required(BOOTSTRAP_SERVERS);
    if (value == null) {
      return null;
    }
    List<String> servers = new ArrayList<>();
    for (String item : value.split(",")) {
      String server = item.strip();
      var m = HOST_PORT.matcher(server);
      if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
        r.error(BOOTSTRAP_SERVERS, "must be host:port items separated by commas, not " + server);
        return null;
      }
      String host = m.group(1);
      if (AddressPolicy.isIpLiteral(host)) {
        String rejection = policy.rejection(host, AddressPolicy.literal(host));
        if (rejection != null) {
          r.error(BOOTSTRAP_SERVERS, rejection);
          return null;
        }
      }
      servers.add(server);
    }
    return List.copyOf(servers);
  }

  /** One of {@code choices} (upper case, {@code -} for {@code _} accepted), or null when absent. */
  private static String choice(ConfigReader r, String field, List<String> choices) {
    String value = r.optional(field);
    if (value == null) {
      return null;
    }
    String upper = value.toUpperCase(Locale.ROOT).replace('_', '-');
    for (String choice : choices) {
      if (choice.replace('_', '-').equals(upper)) {
        return choice;
      }
    }
    r.error(field, "must be one of " + String.join(", ", choices));
    return null;
  }

  /** The REST Proxy's base URL: {@code rest_endpoint}, else https on the first bootstrap host. */
  public URI restBase() {
    if (restEndpoint != null) {
      return restEndpoint;
    }
    String first = bootstrapServers.get(0);
    return URI.create("https://" + first.substring(0, first.lastIndexOf(':')));
  }

  /** No secret in the text: this may be logged. */
  @Override
  public String toString() {
    return "KafkaConfig[bootstrap="
        + bootstrapServers
        + ", cluster="
        + clusterId
        + ", topic="
        + topic
        + ", protocol="
        + securityProtocol
        + "]";
  }

  /** A parsed config: {@code config} when valid, else null and the errors naming each field. */
  public record Parsed(KafkaConfig config, List<FieldError> errors) {}
}
