package io.hookstream.alert.internal;

import io.hookstream.internal.Validation;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.NotificationSender;
import io.hookstream.spi.SecretMasking;
import io.hookstream.spi.provider.EndpointGuard;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The channel types and their config: {@code webhook} ({@code url}, optional {@code secret}),
 * {@code slack} and {@code discord} ({@code url} of their incoming webhook), and each type a {@link
 * NotificationSender} adds ({@code email}). Checks a config when a channel is written (errors name
 * {@code config.<field>}), masks the secret for reads, and keeps a stored secret that comes back
 * masked. Thread-safe.
 */
public final class ChannelSettings {

  public static final String WEBHOOK = "webhook";
  public static final String SLACK = "slack";
  public static final String DISCORD = "discord";

  /** The types the engine sends itself, over HTTP. */
  public static final Set<String> HTTP_TYPES = Set.of(WEBHOOK, SLACK, DISCORD);

  private final Map<String, NotificationSender> senders;
  private final AddressPolicy addresses;

  public ChannelSettings(Map<String, NotificationSender> senders, AddressPolicy addresses) {
    this.senders = Map.copyOf(senders);
    this.addresses = addresses;
  }

  /** Whether channels of {@code type} can be created here. */
  public boolean supports(String type) {
    return HTTP_TYPES.contains(type) || senders.containsKey(type);
  }

  /** The types that can be created here, for error messages. */
  public String supportedTypes() {
    Set<String> all = new java.util.TreeSet<>(HTTP_TYPES);
    all.addAll(senders.keySet());
    return String.join(", ", all);
  }

  /** Adds an error to {@code v} for each bad field of a {@code type} channel's config. */
  public void check(String type, Map<String, Object> config, Validation v) {
    if (!HTTP_TYPES.contains(type)) {
      senders.get(type).validate(config).forEach(e -> v.error("config." + e.field(), e.message()));
      return;
    }
    Object url = config.get("url");
    URI uri = url instanceof String s ? parse(s) : null;
    if (uri == null) {
      v.error("config.url", "is required: an absolute http or https URL");
    } else {
      String rejection = EndpointGuard.rejection(uri, addresses);
      if (rejection != null) {
        v.error("config.url", rejection);
      }
    }
    Object secret = config.get("secret");
    if (secret != null && (!WEBHOOK.equals(type) || !(secret instanceof String s) || s.isEmpty())) {
      v.error(
          "config.secret",
          WEBHOOK.equals(type) ? "must be a non-empty string" : "is only for webhook channels");
    }
  }

  /** {@code config} with its secret as {@code change} makes it (sealed, or opened). */
  public static Map<String, Object> withSecret(
      Map<String, Object> config, java.util.function.UnaryOperator<String> change) {
    Object secret = config.get("secret");
    if (!(secret instanceof String s)) {
      return config;
    }
    Map<String, Object> changed = new LinkedHashMap<>(config);
    changed.put("secret", change.apply(s));
    return changed;
  }

  /** {@code config} as reads show it: the secret masked. */
  public static Map<String, Object> mask(Map<String, Object> config) {
    Map<String, Object> masked = new LinkedHashMap<>(config);
    masked.computeIfPresent("secret", (k, s) -> SecretMasking.mask(String.valueOf(s)));
    return masked;
  }

  /** {@code update} with the stored secret kept when it came back in its masked form. */
  public static Map<String, Object> keepSecret(
      Map<String, Object> update, Map<String, Object> stored) {
    Object secret = update.get("secret");
    Object old = stored.get("secret");
    if (secret instanceof String s
        && old != null
        && s.startsWith(SecretMasking.MASK)
        && s.equals(SecretMasking.mask(String.valueOf(old)))) {
      Map<String, Object> kept = new LinkedHashMap<>(update);
      kept.put("secret", old);
      return kept;
    }
    return update;
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      return http && uri.getHost() != null ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
