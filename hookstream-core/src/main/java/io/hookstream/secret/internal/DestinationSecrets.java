package io.hookstream.secret.internal;

import io.hookstream.destination.DestinationSpec;
import io.hookstream.destination.internal.DestinationChecks;
import io.hookstream.internal.Json;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.store.DestinationRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets of a destination are the values its provider masks (auth headers, the signing secret,
 * cloud credentials): encrypted in the stored config, plaintext only in the request a provider
 * delivers, masked in every read. Thread-safe.
 */
public final class DestinationSecrets {

  private static final String SIGNING = "signing_config";

  private final SecretCipher cipher;
  private final Map<String, DestinationProvider> providers;

  public DestinationSecrets(SecretCipher cipher, Map<String, DestinationProvider> providers) {
    this.cipher = cipher;
    this.providers = Map.copyOf(providers);
  }

  /** The record as it is stored: secret values encrypted. */
  public DestinationRecord seal(DestinationRecord plain) {
    Map<String, Object> config = DestinationChecks.providerConfig(plain);
    return withConfig(
        plain, JsonSecrets.mapSecrets(config, mask(plain.type(), config), cipher::seal));
  }

  /** The stored record re-encrypted under the primary key, one version on (for the re-encrypt). */
  public DestinationRecord reseal(DestinationRecord stored) {
    DestinationRecord next = seal(open(stored));
    return new DestinationRecord(
        next.id(),
        next.orgId(),
        next.envId(),
        next.name(),
        next.slug(),
        next.description(),
        next.type(),
        next.configJson(),
        next.signingJson(),
        next.retry(),
        next.delivery(),
        next.disabledReason(),
        next.version() + 1,
        next.createdAt(),
        next.updatedAt(),
        next.deletedAt());
  }

  /** The stored record with its secrets decrypted. */
  public DestinationRecord open(DestinationRecord stored) {
    return withConfig(stored, openConfig(DestinationChecks.providerConfig(stored)));
  }

  /** A provider config with every encrypted value decrypted. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> openConfig(Map<String, Object> config) {
    return (Map<String, Object>) JsonSecrets.mapStrings(config, cipher::open);
  }

  /** A plaintext record as callers see it: secrets masked by its provider. */
  public DestinationRecord mask(DestinationRecord plain) {
    return withConfig(plain, mask(plain.type(), DestinationChecks.providerConfig(plain)));
  }

  /** Whether every secret of the stored record is already under the primary key. */
  public boolean current(DestinationRecord stored) {
    Map<String, Object> config = DestinationChecks.providerConfig(stored);
    boolean[] current = {true};
    JsonSecrets.mapSecrets(
        config,
        mask(stored.type(), config),
        v -> {
          current[0] &= cipher.current(v);
          return v;
        });
    return current[0];
  }

  /**
   * {@code spec} with masked values that a caller read and sent back (equal to the mask of the
   * current value at the same place) replaced by the current secret.
   */
  @SuppressWarnings("unchecked")
  public DestinationSpec restoreMasked(DestinationSpec spec, DestinationRecord currentPlain) {
    Map<String, Object> current = DestinationChecks.providerConfig(currentPlain);
    Map<String, Object> masked = mask(currentPlain.type(), current);
    Object config = JsonSecrets.restoreMasked(spec.config(), masked, current);
    Object headers =
        JsonSecrets.restoreMasked(spec.headers(), masked.get("headers"), current.get("headers"));
    Object signing =
        JsonSecrets.restoreMasked(spec.signingConfig(), masked.get(SIGNING), current.get(SIGNING));
    return new DestinationSpec(
        spec.name(),
        spec.slug(),
        spec.description(),
        spec.type(),
        spec.url(),
        spec.method(),
        (Map<String, String>) headers,
        spec.timeoutSeconds(),
        (Map<String, Object>) config,
        (Map<String, Object>) signing,
        spec.retryMaxAttempts(),
        spec.retryBackoffType(),
        spec.retryIntervals(),
        spec.maxInFlight(),
        spec.ordered(),
        spec.rateLimitPerSecond(),
        spec.enabled());
  }

  private Map<String, Object> mask(String type, Map<String, Object> config) {
    DestinationProvider provider = providers.get(type);
    return provider == null ? config : provider.mask(config);
  }

  @SuppressWarnings("unchecked")
  private static DestinationRecord withConfig(DestinationRecord d, Object merged) {
    Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) merged);
    Object signing = config.remove(SIGNING);
    return new DestinationRecord(
        d.id(),
        d.orgId(),
        d.envId(),
        d.name(),
        d.slug(),
        d.description(),
        d.type(),
        Json.write(config),
        d.signingJson() == null ? null : Json.write(signing),
        d.retry(),
        d.delivery(),
        d.disabledReason(),
        d.version(),
        d.createdAt(),
        d.updatedAt(),
        d.deletedAt());
  }
}
