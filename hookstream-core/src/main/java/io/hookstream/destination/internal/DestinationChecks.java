package io.hookstream.destination.internal;

import io.hookstream.destination.DestinationSpec;
import io.hookstream.internal.Json;
import io.hookstream.internal.Validation;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link DestinationSpec} into a {@link DestinationRecord}: resolves type aliases, merges
 * top-level HTTP fields into the provider config, applies the seed's retry defaults, and validates
 * everything (the provider validates its own config) into one 422.
 */
public final class DestinationChecks {

  /** The seed pages use both spellings; we store the long one. */
  private static final Map<String, String> TYPE_ALIASES =
      Map.of(
          "sqs",
          "aws_sqs",
          "s3",
          "aws_s3",
          "eventbridge",
          "aws_eventbridge",
          "pubsub",
          "gcp_pubsub",
          "webhook",
          "http");

  private static final Set<String> BACKOFFS = Set.of("exponential", "linear", "fixed");
  private static final int MAX_INTERVAL_SECONDS = 7 * 86_400;

  private final Map<String, DestinationProvider> providers;

  public DestinationChecks(Map<String, DestinationProvider> providers) {
    this.providers = Map.copyOf(providers);
  }

  public static String canonicalType(String type) {
    String t = type == null ? "http" : type.toLowerCase(Locale.ROOT).replace('-', '_');
    return TYPE_ALIASES.getOrDefault(t, t);
  }

  /** The provider configuration as sent to the provider: config plus {@code signing_config}. */
  public static Map<String, Object> providerConfig(DestinationRecord d) {
    Map<String, Object> config = new LinkedHashMap<>(Json.toMap(d.configJson()));
    if (d.signingJson() != null) {
      config.put("signing_config", Json.toMap(d.signingJson()));
    }
    return config;
  }

  public DestinationRecord toRecord(
      DestinationSpec spec, String id, Scope scope, long version, Instant createdAt, Instant now) {
    Validation v = new Validation();
    String slug = v.nameSlugAndDescription(spec.name(), spec.slug(), spec.description());

    String type = canonicalType(spec.type());
    Map<String, Object> config = mergedConfig(spec);
    DestinationProvider provider = providers.get(type);
    if (provider == null) {
      v.error(
          "type",
          "destination type '"
              + type
              + "' is not available in this engine"
              + " (available: "
              + String.join(", ", new java.util.TreeSet<>(providers.keySet()))
              + ")");
    } else {
      Map<String, Object> withSigning = new LinkedHashMap<>(config);
      if (spec.signingConfig() != null) {
        withSigning.put("signing_config", spec.signingConfig());
      }
      for (FieldError e : provider.validate(withSigning)) {
        v.error(
            e.field().startsWith("signing_config") ? e.field() : "config." + e.field(),
            e.message());
      }
    }

    DestinationRecord.RetryPolicy retry = retry(spec, v);
    DestinationRecord.Delivery delivery = delivery(spec, v);
    v.throwIfInvalid();
    return new DestinationRecord(
        id,
        scope.orgId(),
        scope.envId(),
        spec.name().strip(),
        slug,
        spec.description(),
        type,
        Json.write(config),
        spec.signingConfig() == null ? null : Json.write(spec.signingConfig()),
        retry,
        delivery,
        null,
        version,
        createdAt,
        now,
        null);
  }

  private static Map<String, Object> mergedConfig(DestinationSpec spec) {
    Map<String, Object> config = new LinkedHashMap<>();
    if (spec.config() != null) {
      config.putAll(spec.config());
    }
    config.remove("signing_config");
    if (spec.url() != null) {
      config.put("url", spec.url());
    }
    if (spec.method() != null) {
      config.put("method", spec.method());
    }
    if (spec.headers() != null) {
      config.put("headers", spec.headers());
    }
    if (spec.timeoutSeconds() != null) {
      config.put("timeout", spec.timeoutSeconds());
    }
    return config;
  }

  private static DestinationRecord.RetryPolicy retry(DestinationSpec spec, Validation v) {
    var defaults = DestinationRecord.RetryPolicy.DEFAULT;
    int max = spec.retryMaxAttempts() == null ? defaults.maxAttempts() : spec.retryMaxAttempts();
    v.checkRange("retry_max_attempts", max, 1, 10);
    String backoff =
        spec.retryBackoffType() == null
            ? defaults.backoff()
            : spec.retryBackoffType().toLowerCase(Locale.ROOT);
    if (!BACKOFFS.contains(backoff)) {
      v.error("retry_backoff_type", "must be exponential, linear or fixed");
    }
    List<Integer> intervals =
        spec.retryIntervals() == null ? defaults.intervalsSeconds() : spec.retryIntervals();
    if (intervals.isEmpty() || intervals.size() > 20) {
      v.error("retry_intervals", "must have 1 to 20 entries");
    }
    for (int i = 0; i < intervals.size(); i++) {
      Integer s = intervals.get(i);
      if (s == null || s < 1 || s > MAX_INTERVAL_SECONDS) {
        v.error(
            "retry_intervals." + i,
            "must be a number of seconds from 1 to " + MAX_INTERVAL_SECONDS);
      }
    }
    return new DestinationRecord.RetryPolicy(
        max, backoff, intervals.stream().map(i -> i == null ? 0 : i).toList());
  }

  private static DestinationRecord.Delivery delivery(DestinationSpec spec, Validation v) {
    var defaults = DestinationRecord.Delivery.DEFAULT;
    boolean ordered = Boolean.TRUE.equals(spec.ordered());
    int maxInFlight =
        spec.maxInFlight() == null ? (ordered ? 1 : defaults.maxInFlight()) : spec.maxInFlight();
    v.checkRange("max_in_flight", maxInFlight, 1, 1000);
    if (ordered && maxInFlight != 1) {
      v.error("max_in_flight", "must be 1 for an ordered destination");
    }
    Double rate = spec.rateLimitPerSecond();
    if (rate != null && (rate.isNaN() || rate <= 0 || rate > 100_000)) {
      v.error("rate_limit_per_second", "must be greater than 0 and at most 100000");
    }
    return new DestinationRecord.Delivery(maxInFlight, ordered, rate);
  }
}
