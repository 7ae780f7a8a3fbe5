package io.hookstream.delivery.internal;

import io.hookstream.internal.Json;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.DestinationRecord.Delivery;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the scheduler reads from a destination: the provider config (with the outbound signing
 * settings under {@code "signing"} when set), the request timeout ({@code timeout_ms}, or
 * {@code timeout} in milliseconds; 30 s by default) and the flow-control settings. Stateless.
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
      config.put("signing", Json.toMap(d.signingJson()));
    }
    return config;
  }

  public static Duration timeout(DestinationRecord d) {
    Map<String, Object> config = Json.toMap(d.configJson());
    Object ms = config.containsKey("timeout_ms") ? config.get("timeout_ms") : config.get("timeout");
    if (ms instanceof Number n && n.longValue() > 0) {
      return Duration.ofMillis(n.longValue());
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
