package io.hookstream.auth;

import io.hookstream.spi.store.ApiKeyRecord;

/** A new API key: the stored record and the plaintext key, which is never available again. */
public record CreatedApiKey(ApiKeyRecord record, String key) {
  @Override
  public String toString() {
    return "CreatedApiKey[" + record.id() + ", " + record.keyPrefix() + "...]";
  }
}
