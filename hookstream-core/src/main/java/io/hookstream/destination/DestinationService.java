package io.hookstream.destination;

import io.hookstream.destination.internal.DestinationChecks;
import io.hookstream.destination.internal.Destinations;
import io.hookstream.destination.internal.DisabledState;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Json;
import io.hookstream.internal.Pages;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.secret.SecretKeys;
import io.hookstream.secret.internal.DestinationSecrets;
import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destinations: create, read, list, update, delete, with the retry policy defaults of the seed
 * ({@code retry_max_attempts} 5, exponential, {@code [30, 300, 1800, 7200, 86400]}) and the
 * provider's own config validation. Thread-safe.
 */
public final class DestinationService {

  private static final Logger LOG = LoggerFactory.getLogger(DestinationService.class);

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final DestinationChecks checks;
  private final DestinationSecrets secrets;
  private final Consumer<DestinationRecord> stateListener;
  private final Consumer<String> changeListener;
  private final Map<String, DestinationProvider> providers;

  /**
   * {@code stateListener} is told of every destination disabled or re-enabled through this service,
   * after the change is stored; {@code changeListener} of the id of every destination updated or
   * deleted; neither may block. {@code keys} encrypt credentials at rest; null keeps them in
   * plaintext.
   */
  public DestinationService(
      Store store,
      Clock clock,
      Map<String, DestinationProvider> providers,
      SecretKeys keys,
      Consumer<DestinationRecord> stateListener,
      Consumer<String> changeListener) {
    this.changeListener = Objects.requireNonNull(changeListener, "changeListener");
    this.secrets = new DestinationSecrets(SecretCipher.of(keys), providers);
    this.stateListener = Objects.requireNonNull(stateListener, "stateListener");
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
    this.providers = Map.copyOf(providers);
    this.checks = new DestinationChecks(providers);
  }

  /** A destination disabled from the start when {@code spec.enabled()} is false. */
  public Destination create(Scope scope, DestinationSpec spec) {
    store
        .organizations()
        .findEnvironment(scope.orgId(), scope.envId())
        .orElseThrow(() -> HookstreamException.notFound("environment", scope.envId()));
    var now = clock.now();
    DestinationRecord d = checks.toRecord(spec, ids.next("dst"), scope, 1, now, now);
    d = DisabledState.with(d, DisabledState.after(null, spec.enabled(), now), 1, now);
    store.destinations().insert(secrets.seal(d));
    return masked(d);
  }

  /** The destination with its secrets masked. */
  public Optional<Destination> get(Scope scope, String id) {
    return stored(scope, id).map(this::masked);
  }

  /**
   * The provider config with its secrets in plaintext ({@code signing_config} included), the one
   * read that returns them. A 404 if unknown.
   */
  public Map<String, Object> revealConfig(Scope scope, String id) {
    return DestinationChecks.providerConfig(storedOrNotFound(scope, id));
  }

  public Destination require(Scope scope, String id) {
    return get(scope, id).orElseThrow(() -> HookstreamException.notFound("destination", id));
  }

  public Page<Destination> list(Scope scope, PageRequest page) {
    return Pages.fromStore(
        store.destinations().list(scope, Pages.toStore(page)), d -> masked(secrets.open(d)));
  }

  /**
   * Applies {@code changes} to a builder holding the current settings and stores the result. The
   * disabled state changes only when the changes set {@code enabled}: true clears the disabled
   * reason (parked tasks are delivered again, in their order), false disables. A masked secret sent
   * back unchanged keeps the current secret.
   */
  public Destination update(
      Scope scope, String id, java.util.function.UnaryOperator<DestinationSpec.Builder> changes) {
    DestinationRecord current = storedOrNotFound(scope, id);
    DestinationSpec spec = secrets.restoreMasked(changes.apply(specOf(current)).build(), current);
    var now = clock.now();
    DestinationRecord next =
        checks.toRecord(spec, id, scope, current.version() + 1, current.createdAt(), now);
    next =
        DisabledState.with(
            next,
            DisabledState.after(current.disabledReason(), spec.enabled(), now),
            next.version(),
            now);
    return save(current, next);
  }

  /** Re-enables a destination that was disabled (for example after a 410 Gone). */
  public Destination enable(Scope scope, String id) {
    return setEnabled(scope, id, true);
  }

  /** Disables a destination: its tasks stay queued until it is enabled again. */
  public Destination disable(Scope scope, String id) {
    return setEnabled(scope, id, false);
  }

  private Destination setEnabled(Scope scope, String id, boolean enabled) {
    DestinationRecord current = storedOrNotFound(scope, id);
    var now = clock.now();
    String reason = DisabledState.after(current.disabledReason(), enabled, now);
    if (Objects.equals(reason, current.disabledReason())) {
      return masked(current);
    }
    return save(current, DisabledState.with(current, reason, current.version() + 1, now));
  }

  /**
   * Stores {@code next} (secrets in plaintext) over {@code current}, telling the listener when it
   * was switched; returns it masked.
   */
  private Destination save(DestinationRecord current, DestinationRecord next) {
    if (!store.destinations().update(secrets.seal(next))) {
      throw new HookstreamException(
          ErrorCode.CONFLICT,
          "destination " + current.id() + " was changed concurrently; read it again and retry");
    }
    announceChange(current.id());
    if (DisabledState.changed(current, next)) {
      stateListener.accept(secrets.mask(next));
    }
    return masked(next);
  }

  /**
   * Deletes the destination and its topic subscriptions; its pending deliveries stop. A 404 if
   * unknown.
   */
  public void delete(Scope scope, String id) {
    if (!store.destinations().delete(scope, id, clock.now())) {
      throw HookstreamException.notFound("destination", id);
    }
    store.topics().deleteSubscriptionsOfDestination(scope, id);
    announceChange(id);
  }

  /**
   * Every provider drops what it keeps for {@code id} (an update may change the type too), and the
   * change listener hears of it.
   */
  private void announceChange(String id) {
    changeListener.accept(id);
    for (DestinationProvider provider : providers.values()) {
      try {
        provider.destinationChanged(id);
      } catch (RuntimeException e) {
        LOG.warn("provider {} failed to release destination {}", provider.type(), id, e);
      }
    }
  }

  /** A plaintext record as callers see it: secrets masked, config as maps. */
  private Destination masked(DestinationRecord plain) {
    return Destinations.toApi(secrets.mask(plain));
  }

  /** A builder holding {@code d}'s current settings; {@code enabled} unset, so it is kept. */
  private static DestinationSpec.Builder specOf(DestinationRecord d) {
    return DestinationSpec.builder()
        .name(d.name())
        .slug(d.slug())
        .description(d.description())
        .type(d.type())
        .config(Json.toMap(d.configJson()))
        .signingConfig(d.signingJson() == null ? null : Json.toMap(d.signingJson()))
        .retryMaxAttempts(d.retry().maxAttempts())
        .retryBackoffType(d.retry().backoff())
        .retryIntervals(d.retry().intervalsSeconds())
        .maxInFlight(d.delivery().maxInFlight())
        .ordered(d.delivery().ordered())
        .rateLimitPerSecond(d.delivery().rateLimitPerSecond());
  }

  /** The stored destination with its secrets decrypted. */
  private Optional<DestinationRecord> stored(Scope scope, String id) {
    return store.destinations().find(scope, id).map(secrets::open);
  }

  private DestinationRecord storedOrNotFound(Scope scope, String id) {
    return stored(scope, id).orElseThrow(() -> HookstreamException.notFound("destination", id));
  }
}
