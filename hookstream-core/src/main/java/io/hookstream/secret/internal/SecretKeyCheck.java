package io.hookstream.secret.internal;

import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks at engine build, before anything is written, that the configured keys open the secrets
 * already in the store: every key id found there must be configured, and one ciphertext per key id
 * must decrypt. A wrong key thus stops the engine with a message naming the key id instead of
 * failing later at ingest or delivery. Reads only.
 */
public final class SecretKeyCheck {

  private SecretKeyCheck() {}

  /**
   * @throws IllegalStateException naming the key id that does not open the stored secrets
   */
  public static void verify(Store store, SecretCipher cipher) {
    Map<String, String> sampleByKeyId = new LinkedHashMap<>();
    StoredRows.forEachSource(
        store,
        s -> {
          if (s.verification() != null) {
            sample(s.verification().secret(), sampleByKeyId);
          }
        });
    StoredRows.forEachDestination(
        store,
        d ->
            JsonSecrets.mapStrings(
                io.hookstream.destination.internal.DestinationChecks.providerConfig(d),
                v -> {
                  sample(v, sampleByKeyId);
                  return v;
                }));
    sampleByKeyId.forEach(
        (id, envelope) -> {
          if (!cipher.encrypts()) {
            throw new IllegalStateException(
                "hookstream will not start: the store holds secrets"
                    + " encrypted under key id '"
                    + id
                    + "', but no secret key is configured (set"
                    + " Hookstream.Builder.secretKeys, or HOOKSTREAM_SECRET_KEY). Nothing was changed.");
          }
          if (cipher.keys().key(id).isEmpty()) {
            throw new IllegalStateException(
                "hookstream will not start: the store holds secrets"
                    + " encrypted under key id '"
                    + id
                    + "', which is not among the configured secret"
                    + " keys "
                    + cipher.keys().ids()
                    + "; add it as an old key. Nothing was changed.");
          }
          try {
            cipher.open(envelope);
          } catch (HookstreamException e) {
            throw new IllegalStateException(
                "hookstream will not start: the configured secret key '"
                    + id
                    + "' does not decrypt the secrets stored under that key id; it is not the key"
                    + " they were written with. Nothing was changed.",
                e);
          }
        });
  }

  private static void sample(String value, Map<String, String> sampleByKeyId) {
    if (SecretCipher.sealed(value)) {
      sampleByKeyId.putIfAbsent(SecretCipher.keyId(value), value);
    }
  }
}
