package io.hookstream.servlet;

import io.hookstream.Hookstream;
import io.hookstream.Limits;
import io.hookstream.auth.ApiKeyMode;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.spi.Clock;
import io.hookstream.spi.Principal;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;

/**
 * An engine on the in-memory store with the HTTP provider, two organizations each with an API key,
 * and a session-cookie authenticator for the first (as a host would plug in).
 */
final class Fixture implements AutoCloseable {

  /** Ingest bodies above this are refused: small, so the 413 path is cheap to exercise. */
  static final int MAX_BODY_BYTES = 256 * 1024;

  static final String SESSION_COOKIE = "hs_session=s3ss10n-of-org-a";

  record Tenant(Scope scope, String key) {}

  final Hookstream engine;
  final Tenant a;
  final Tenant b;
  private final HttpDestinationProvider http;

  private Fixture(Hookstream engine, HttpDestinationProvider http, Tenant a, Tenant b) {
    this.engine = engine;
    this.http = http;
    this.a = a;
    this.b = b;
  }

  static Fixture start(Clock clock) {
    return start(clock, TrustedProxies.none());
  }

  /** An engine that believes the forwarding headers of {@code proxies}. */
  static Fixture start(Clock clock, TrustedProxies proxies) {
    return start(clock, proxies, true);
  }

  /**
   * An engine whose own requests (test-session forwarding) may reach loopback only when {@code
   * allowPrivateNetworks}.
   */
  static Fixture start(Clock clock, TrustedProxies proxies, boolean allowPrivateNetworks) {
    HttpDestinationProvider http =
        HttpDestinationProvider.builder().allowPrivateNetworks(true).clock(clock).build();
    Scope[] sessionScope = new Scope[1];
    Hookstream engine =
        Hookstream.builder()
            .store(new InMemoryStore())
            .keyValueStore(new InMemoryKeyValueStore(clock))
            .blobStore(new InMemoryBlobStore())
            .clock(clock)
            .limits(new Limits(MAX_BODY_BYTES, Limits.DEFAULT_INLINE_BODY_BYTES))
            .provider(http)
            .trustedProxies(proxies)
            .allowPrivateNetworks(allowPrivateNetworks)
            .allowPrivateNotificationTargets(true)
            .authenticator(
                credentials ->
                    credentials
                        .header("cookie")
                        .filter(c -> c.contains(SESSION_COOKIE) && sessionScope[0] != null)
                        .map(
                            c ->
                                new Principal(
                                    sessionScope[0].orgId(),
                                    sessionScope[0].envId(),
                                    Principal.Kind.SESSION,
                                    "user_1")))
            .build()
            .start();
    Tenant a = tenant(engine, "Org A");
    Tenant b = tenant(engine, "Org B");
    sessionScope[0] = a.scope();
    return new Fixture(engine, http, a, b);
  }

  private static Tenant tenant(Hookstream engine, String name) {
    Organization org = engine.organizations().create(name);
    Environment env = engine.organizations().createEnvironment(org.id(), "production");
    Scope scope = new Scope(org.id(), env.id());
    return new Tenant(scope, engine.apiKeys().create(scope, "test", ApiKeyMode.LIVE).key());
  }

  @Override
  public void close() {
    engine.close();
    http.close();
  }
}
