package io.hookstream.auth;

import io.hookstream.internal.Hashing;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Pages;
import io.hookstream.internal.Validation;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.Principal;
import io.hookstream.spi.store.ApiKeyRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Environment-scoped API keys {@code hs_live_|hs_test_} + 64 hex. Only the SHA-256 hash is stored;
 * the plaintext is returned once, at creation. Also the built-in {@link Authenticator}.
 * Thread-safe.
 */
public final class ApiKeyService implements Authenticator {

  private static final Pattern KEY = Pattern.compile("^hs_(live|test)_[0-9a-f]{64}$");
  private static final int PREFIX_LENGTH = 12;

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final SecureRandom random = new SecureRandom();

  public ApiKeyService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
  }

  /** Creates a key with a fresh random secret. */
  public CreatedApiKey create(Scope scope, String name, ApiKeyMode mode) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return register(scope, name, mode.prefix() + HexFormat.of().formatHex(secret));
  }

  /**
   * Registers a key chosen by the host (for example from {@code HOOKSTREAM_API_KEY}), so scripts
   * know it in advance. It must have the standard format.
   */
  public CreatedApiKey register(Scope scope, String name, String key) {
    Validation v = new Validation().requireText("name", name, 200);
    if (key == null || !KEY.matcher(key).matches()) {
      v.error("key", "must be hs_live_ or hs_test_ followed by 64 lower-case hex digits");
    }
    v.throwIfInvalid();
    requireEnvironment(scope);
    ApiKeyRecord record =
        new ApiKeyRecord(
            ids.next("ak"),
            scope.orgId(),
            scope.envId(),
            name.strip(),
            Hashing.sha256Hex(key),
            key.substring(0, PREFIX_LENGTH),
            null,
            clock.now(),
            null,
            0,
            null);
    store.apiKeys().insert(record);
    return new CreatedApiKey(record, key);
  }

  public Page<ApiKeyRecord> list(Scope scope, PageRequest page) {
    return Pages.fromStore(store.apiKeys().list(scope, Pages.toStore(page)));
  }

  public Optional<ApiKeyRecord> get(Scope scope, String id) {
    return store.apiKeys().find(scope, id);
  }

  /** Revokes the key at once; a 404 if unknown in this scope or already revoked. */
  public void revoke(Scope scope, String id) {
    if (!store.apiKeys().revoke(scope, id, clock.now())) {
      throw HookstreamException.notFound("api key", id);
    }
  }

  /** The principal of a valid, unrevoked key; empty for anything else. */
  public Optional<Principal> authenticateKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      return Optional.empty();
    }
    Optional<ApiKeyRecord> found = store.apiKeys().findByHash(Hashing.sha256Hex(key));
    if (found.isEmpty() || found.get().revoked()) {
      return Optional.empty();
    }
    ApiKeyRecord record = found.get();
    store.apiKeys().recordUse(record.id(), clock.now());
    return Optional.of(
        new Principal(record.orgId(), record.envId(), Principal.Kind.API_KEY, record.id()));
  }

  @Override
  public Optional<Principal> authenticate(Credentials credentials) {
    return authenticateKey(credentials.apiKey());
  }

  private void requireEnvironment(Scope scope) {
    store
        .organizations()
        .findEnvironment(scope.orgId(), scope.envId())
        .orElseThrow(() -> HookstreamException.notFound("environment", scope.envId()));
  }
}
