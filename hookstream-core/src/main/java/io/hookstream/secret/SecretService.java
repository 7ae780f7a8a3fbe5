package io.hookstream.secret;

import io.hookstream.secret.internal.DestinationSecrets;
import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.secret.internal.SourceSecrets;
import io.hookstream.secret.internal.StoredRows;
import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.Store;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The key rotation step: {@link #reencryptAll} rewrites every stored secret that is not yet under
 * the primary key (older keys, or plaintext from before encryption), so the older keys can then be
 * removed. Safe to run while the engine serves; safe to run again. Thread-safe.
 */
public final class SecretService {

  private final Store store;
  private final SecretCipher cipher;
  private final SourceSecrets sources;
  private final DestinationSecrets destinations;
  private final Consumer<String> sourceChanged;

  /**
   * Secrets under {@code keys} (null: plaintext); {@code providers} say which destination config
   * fields are credentials; {@code sourceChanged} hears every source it rewrote.
   */
  public SecretService(
      Store store,
      SecretKeys keys,
      Map<String, DestinationProvider> providers,
      Consumer<String> sourceChanged) {
    this.store = store;
    this.cipher = SecretCipher.of(keys);
    this.sources = new SourceSecrets(cipher);
    this.destinations = new DestinationSecrets(cipher, providers);
    this.sourceChanged = sourceChanged;
  }

  /** The id of the key new secrets are written with; empty when secrets are kept in plaintext. */
  public Optional<String> primaryKeyId() {
    return cipher.encrypts() ? Optional.of(cipher.keys().primaryId()) : Optional.empty();
  }

  /** Re-encrypts every source and destination secret under the primary key. */
  public Reencrypted reencryptAll() {
    int[] counts = new int[3];
    StoredRows.forEachSource(
        store,
        s -> {
          if (!sources.current(s)) {
            SourceRecord next = sources.reseal(s);
            boolean stored = store.sources().update(next);
            sourceChanged.accept(s.id());
            counts[stored ? 0 : 2]++;
          }
        });
    StoredRows.forEachDestination(
        store,
        d -> {
          if (!destinations.current(d)) {
            DestinationRecord next = destinations.reseal(d);
            counts[store.destinations().update(next) ? 1 : 2]++;
          }
        });
    return new Reencrypted(counts[0], counts[1], counts[2]);
  }
}
