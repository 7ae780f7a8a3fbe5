package io.hookstream.delivery.internal;

import io.hookstream.internal.Json;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the scheduler reads from a destination: the provider config (with the stored outbound
 * signing settings added as {@code "signing_config"} when the config has none), the request timeout
 * ({@code timeout} in seconds, as the HTTP provider reads it, or {@code timeout_ms}; 30 s by
 * default) and the flow-control settings. Stateless.
 */
public final class DestinationSettings {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** A lease outlives the request timeout by at least this much. */
  public static final Duration LEASE_MARGIN = Duration.ofSeconds(15);

  private DestinationSettings() {}

  /** The provider's config as plain Java values. */
  public static Map<String, Object> config(DestinationRecord d) {
    Map<String, Object> config = new LinkedHashMap<>(Json.toMap(d.configJson()));
    if (d.signingJson() != null && !d.signingJson().isBlank()) {
      config.putIfAbsent("signing_config", Json.toMap(d.signingJson()));
    }
    return config;
  }

  public static Duration timeout(DestinationRecord d) {
    Map<String, Object> config = Json.toMap(d.configJson());
    if (config.get("timeout_ms") instanceof Number ms && ms.longValue() > 0) {
      return Duration.ofMillis(ms.longValue());
    }
    if (config.get("timeout") instanceof Number seconds && seconds.doubleValue() > 0) {
      return Duration.ofMillis(Math.round(seconds.doubleValue() * 1000));
    }
    return DEFAULT_TIMEOUT;
  }

  /** The lease for a delivery: the configured one, or longer if the timeout needs it. */
  public static Duration lease(DestinationRecord d, Duration configured) {
    Duration needed = timeout(d).plus(LEASE_MARGIN);
    return needed.compareTo(configured) > 0 ? needed : configured;
  }

  public static Delivery delivery(DestinationRecord d) {
    return d.delivery() == null ? Delivery.DEFAULT : d.delivery();
  }
}
