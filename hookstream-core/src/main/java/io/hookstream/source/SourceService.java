package io.hookstream.source;

import io.hookstream.internal.Ids;
import io.hookstream.internal.Pages;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.secret.SecretKeys;
import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.secret.internal.SourceSecrets;
import io.hookstream.source.internal.SourceChecks;
import io.hookstream.source.internal.Sources;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Sources: create, read, list, update, delete, and the public ingest URL of each. Every write is
 * validated in full before it is stored, so a bad IP range, schema or secret is a 422 at write
 * time, never a failure at ingest. After an update or delete (also one that lost a race) the {@code
 * changed} callback gets the source id, so this engine's ingest cache drops it at once. The
 * verification secret is encrypted in the store and masked ({@code ****} and its last 4 characters)
 * in every record this service returns; {@link #revealVerificationSecret} is the one read that
 * returns it. Thread-safe.
 */
public final class SourceService {

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final SourceChecks checks;
  private final String ingestBaseUrl;
  private final Consumer<String> changed;
  private final SourceSecrets secrets;

  /** {@code keys} encrypt verification secrets at rest; null keeps them in plaintext. */
  public SourceService(
      Store store, Clock clock, String ingestBaseUrl, SecretKeys keys, Consumer<String> changed) {
    this.store = store;
    this.secrets = new SourceSecrets(SecretCipher.of(keys));
    this.clock = clock;
    this.ids = new Ids(clock);
    this.checks = new SourceChecks();
    this.ingestBaseUrl = ingestBaseUrl.replaceAll("/+$", "");
    this.changed = Objects.requireNonNull(changed, "changed");
  }

  public Source create(Scope scope, SourceSpec spec) {
    requireEnvironment(scope);
    var now = clock.now();
    SourceRecord source = checks.toRecord(spec, ids.next("src"), scope, 1, now, now);
    store.sources().insert(secrets.seal(source));
    return masked(source);
  }

  /** The source with its verification secret masked. */
  public Optional<Source> get(Scope scope, String id) {
    return stored(scope, id).map(this::masked);
  }

  /**
   * The source's verification secret in plaintext, the one read that returns it; empty when the
   * source has no verification. A 404 if unknown.
   */
  public Optional<String> revealVerificationSecret(Scope scope, String id) {
    return Optional.ofNullable(storedOrNotFound(scope, id).verification())
        .map(SourceRecord.Verification::secret);
  }

  /** The source, or a 404. */
  public Source require(Scope scope, String id) {
    return get(scope, id).orElseThrow(() -> HookstreamException.notFound("source", id));
  }

  public Page<Source> list(Scope scope, PageRequest page) {
    return Pages.fromStore(
        store.sources().list(scope, Pages.toStore(page)), s -> masked(secrets.open(s)));
  }

  /**
   * Applies {@code changes} to a builder holding the current settings, validates the result and
   * stores it. A concurrent update wins or loses as a whole: the loser gets a 409. A masked secret
   * sent back unchanged (a read, edited and sent again) keeps the current secret.
   */
  public Source update(Scope scope, String id, UnaryOperator<SourceSpec.Builder> changes) {
    SourceRecord current = storedOrNotFound(scope, id);
    SourceSpec.Builder builder = changes.apply(SourceSpec.from(Sources.toApi(current)));
    SourceSpec asked = builder.build();
    String currentSecret = current.verification() == null ? null : current.verification().secret();
    SourceSpec spec =
        builder
            .verificationSecret(
                SourceSecrets.restoreMasked(asked.verificationSecret(), currentSecret))
            .build();
    SourceRecord updated =
        checks.toRecord(spec, id, scope, current.version() + 1, current.createdAt(), clock.now());
    boolean stored;
    try {
      stored = store.sources().update(secrets.seal(updated));
    } finally {
      changed.accept(id); // a lost race means another engine changed it: drop our copy too
    }
    if (!stored) {
      throw new HookstreamException(
          ErrorCode.CONFLICT,
          "source " + id + " was changed concurrently; read it again and retry");
    }
    return masked(updated);
  }

  /** Deletes the source; its events and connections stay. A 404 if unknown. */
  public void delete(Scope scope, String id) {
    boolean deleted;
    try {
      deleted = store.sources().delete(scope, id, clock.now());
    } finally {
      changed.accept(id);
    }
    if (!deleted) {
      throw HookstreamException.notFound("source", id);
    }
  }

  /** The URL senders post to: {@code <base>/v1/ingest/<source id>}. */
  public String ingestUrl(String sourceId) {
    return ingestBaseUrl + "/v1/ingest/" + sourceId;
  }

  public long eventCount(Scope scope, String sourceId) {
    return store.sources().countEvents(scope, sourceId);
  }

  /** A plaintext record as callers see it: the secret masked. */
  private Source masked(SourceRecord plain) {
    return Sources.toApi(SourceSecrets.mask(plain));
  }

  /** The stored source with its secret decrypted. */
  private Optional<SourceRecord> stored(Scope scope, String id) {
    return store.sources().find(scope, id).map(secrets::open);
  }

  private SourceRecord storedOrNotFound(Scope scope, String id) {
    return stored(scope, id).orElseThrow(() -> HookstreamException.notFound("source", id));
  }

  private void requireEnvironment(Scope scope) {
    store
        .organizations()
        .findEnvironment(scope.orgId(), scope.envId())
        .orElseThrow(() -> HookstreamException.notFound("environment", scope.envId()));
  }
}
