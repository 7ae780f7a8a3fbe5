package io.hookstream.destination;

import io.hookstream.destination.internal.DestinationChecks;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Json;
import io.hookstream.secret.internal.DestinationSecrets;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.util.Map;
import java.util.Optional;

/**
 * Destinations: create, read, list, update, delete, with the retry policy defaults of the seed
 * ({@code retry_max_attempts} 5, exponential, {@code [30, 300, 1800, 7200, 86400]}) and the
 * provider's own config validation. The values a provider masks (auth headers, signing secret,
 * credentials) are encrypted in the store and masked in every record this service returns;
 * {@link #revealConfig} is the one read that returns them. Thread-safe.
 */
public final class DestinationService {

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final DestinationChecks checks;
  private final Map<String, DestinationProvider> providers;
  private final DestinationSecrets secrets;

  public DestinationService(Store store, Clock clock, Ids ids,
      Map<String, DestinationProvider> providers, DestinationSecrets secrets) {
    this.store = store;
    this.secrets = java.util.Objects.requireNonNull(secrets, "secrets");
    this.clock = clock;
    this.ids = ids;
    this.providers = Map.copyOf(providers);
    this.checks = new DestinationChecks(providers);
  }

  public DestinationRecord create(Scope scope, DestinationSpec spec) {
    store.organizations().findEnvironment(scope.orgId(), scope.envId())
        .orElseThrow(() -> HookstreamException.notFound("environment", scope.envId()));
    var now = clock.now();
    DestinationRecord d = checks.toRecord(spec, ids.next("dst"), scope, 1, now, now);
    store.destinations().insert(secrets.seal(d));
    return secrets.mask(d);
  }

  /** The destination with its secrets masked. */
  public Optional<DestinationRecord> get(Scope scope, String id) {
    return stored(scope, id).map(secrets::mask);
  }

  /**
   * The provider config with its secrets in plaintext ({@code signing_config} included), the one
   * read that returns them. A 404 if unknown.
   */
  public Map<String, Object> revealConfig(Scope scope, String id) {
    return DestinationChecks.providerConfig(storedOrNotFound(scope, id));
  }

  public DestinationRecord require(Scope scope, String id) {
    return get(scope, id).orElseThrow(() -> HookstreamException.notFound("destination", id));
  }

  public Page<DestinationRecord> list(Scope scope, PageRequest page) {
    return store.destinations().list(scope, page).map(d -> secrets.mask(secrets.open(d)));
  }

  /**
   * Applies {@code changes} to a builder holding the current settings and stores the result.
   * Clears {@code disabledReason} only when the caller asks with {@link #enable}. A masked
   * secret sent back unchanged keeps the current secret.
   */
  public DestinationRecord update(Scope scope, String id,
      java.util.function.UnaryOperator<DestinationSpec.Builder> changes) {
    DestinationRecord current = storedOrNotFound(scope, id);
    DestinationSpec spec = secrets.restoreMasked(changes.apply(specOf(current)).build(), current);
    DestinationRecord next = checks.toRecord(spec, id, scope, current.version() + 1,
        current.createdAt(), clock.now());
    next = withDisabledReason(next, current.disabledReason());
    if (!store.destinations().update(secrets.seal(next))) {
      throw new HookstreamException(ErrorCode.CONFLICT,
          "destination " + id + " was changed concurrently; read it again and retry");
    }
    return secrets.mask(next);
  }

  /** Re-enables a destination that was disabled (for example after a 410 Gone). */
  public DestinationRecord enable(Scope scope, String id) {
    DestinationRecord c = storedOrNotFound(scope, id);
    DestinationRecord next = new DestinationRecord(c.id(), c.orgId(), c.envId(), c.name(),
        c.slug(), c.description(), c.type(), c.configJson(), c.signingJson(), c.retry(),
        c.delivery(), null, c.version() + 1, c.createdAt(), clock.now(), null);
    if (!store.destinations().update(secrets.seal(next))) {
      throw new HookstreamException(ErrorCode.CONFLICT,
          "destination " + id + " was changed concurrently; read it again and retry");
    }
    return secrets.mask(next);
  }

  /** Deletes the destination; its pending deliveries stop. A 404 if unknown. */
  public void delete(Scope scope, String id) {
    if (!store.destinations().delete(scope, id, clock.now())) {
      throw HookstreamException.notFound("destination", id);
    }
  }

  /** The destination's provider config with secrets masked, for display. */
  public Map<String, Object> maskedConfig(DestinationRecord d) {
    Map<String, Object> config = secrets.openConfig(DestinationChecks.providerConfig(d));
    DestinationProvider provider = providers.get(d.type());
    return provider == null ? config : provider.mask(config);
  }

  /** A builder holding {@code d}'s current settings. */
  public static DestinationSpec.Builder specOf(DestinationRecord d) {
    return DestinationSpec.builder().name(d.name()).slug(d.slug()).description(d.description())
        .type(d.type()).config(Json.toMap(d.configJson()))
        .signingConfig(d.signingJson() == null ? null : Json.toMap(d.signingJson()))
        .retryMaxAttempts(d.retry().maxAttempts()).retryBackoffType(d.retry().backoff())
        .retryIntervals(d.retry().intervalsSeconds()).maxInFlight(d.delivery().maxInFlight())
        .ordered(d.delivery().ordered()).rateLimitPerSecond(d.delivery().rateLimitPerSecond());
  }

  /** The stored destination with its secrets decrypted. */
  private Optional<DestinationRecord> stored(Scope scope, String id) {
    return store.destinations().find(scope, id).map(secrets::open);
  }

  private DestinationRecord storedOrNotFound(Scope scope, String id) {
    return stored(scope, id).orElseThrow(() -> HookstreamException.notFound("destination", id));
  }

  private static DestinationRecord withDisabledReason(DestinationRecord d, String reason) {
    return new DestinationRecord(d.id(), d.orgId(), d.envId(), d.name(), d.slug(),
        d.description(), d.type(), d.configJson(), d.signingJson(), d.retry(), d.delivery(),
        reason, d.version(), d.createdAt(), d.updatedAt(), d.deletedAt());
  }
}
