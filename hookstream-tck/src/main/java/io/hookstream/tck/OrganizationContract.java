package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.ApiKeyRecord;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Organizations, their environments, and API keys. */
abstract class OrganizationContract extends RepositoryContract {

  OrganizationContract(StoreContract owner) {
    super(owner);
  }

  @Test
  void organizationsAndEnvironments() {
    Organization org = store.organizations().find(scope.orgId()).orElseThrow();
    assertThat(org.name()).isEqualTo("contract org");
    assertThat(store.organizations().findEnvironment(scope.orgId(), scope.envId()))
        .hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("production"));
    assertThat(store.organizations().findEnvironment(other.orgId(), scope.envId())).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    Environment staging =
        new Environment(ids.next("env"), scope.orgId(), "staging", 7, clock.now());
    store.organizations().insertEnvironment(staging);
    assertThat(store.organizations().listEnvironments(scope.orgId()))
        .extracting(Environment::id)
        .containsExactly(scope.envId(), staging.id());

    Environment sameName =
        new Environment(ids.next("env"), scope.orgId(), "staging", 7, clock.now());
    assertConflict(() -> store.organizations().insertEnvironment(sameName));
    store
        .organizations()
        .insertEnvironment(
            new Environment(ids.next("env"), other.orgId(), "staging", 7, clock.now()));
    assertThat(store.organizations().listEnvironments(scope.orgId())).hasSize(2);

    List<String> listed =
        store.organizations().list().stream()
            .map(Organization::id)
            .filter(id -> id.equals(scope.orgId()) || id.equals(other.orgId()))
            .toList();
    assertThat(listed).containsExactly(scope.orgId(), other.orgId());
  }

  @Test
  void apiKeysFindByHashRevokeAndRecordUse() throws Exception {
    String hash = fx.hash();
    ApiKeyRecord key = fx.apiKey(scope, hash, clock.now());
    store.apiKeys().insert(key);
    assertThat(store.apiKeys().findByHash(hash))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo(key.id()));
    assertThat(store.apiKeys().findByHash(fx.hash())).isEmpty();
    assertThat(store.apiKeys().find(scope, key.id())).isPresent();
    assertThat(store.apiKeys().find(other, key.id())).isEmpty();
    assertThat(store.apiKeys().list(other, PageRequest.first(10)).items()).isEmpty();
    assertConflict(() -> store.apiKeys().insert(fx.apiKey(other, hash, clock.now())));

    clock.advance(Duration.ofMinutes(1));
    store.apiKeys().recordUse(key.id(), clock.now());
    Instant used = clock.now();
    awaitTrue(() -> store.apiKeys().find(scope, key.id()).orElseThrow().requestCount() == 1);
    assertThat(store.apiKeys().find(scope, key.id()).orElseThrow().lastUsedAt()).isEqualTo(used);

    assertThat(store.apiKeys().revoke(other, key.id(), clock.now())).isFalse();
    assertThat(store.apiKeys().findByHash(hash).orElseThrow().revoked()).isFalse();
    assertThat(store.apiKeys().revoke(scope, key.id(), clock.now())).isTrue();
    assertThat(store.apiKeys().revoke(scope, key.id(), clock.now())).isFalse();
    assertThat(store.apiKeys().revoke(scope, ids.next("ak"), clock.now())).isFalse();
    assertThat(store.apiKeys().findByHash(hash).orElseThrow().revokedAt()).isEqualTo(clock.now());
  }

  @Test
  void racingRevokesHaveExactlyOneWinnerPerKey() throws Exception {
    List<ApiKeyRecord> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ApiKeyRecord key = fx.apiKey(scope, fx.hash(), clock.now());
      store.apiKeys().insert(key);
      keys.add(key);
    }
    Map<String, Integer> winners = new ConcurrentHashMap<>();
    Concurrently.run(
        16,
        i ->
            () -> {
              for (ApiKeyRecord key : keys) {
                if (store.apiKeys().revoke(scope, key.id(), clock.now().plusSeconds(i))) {
                  winners.merge(
                      key.id(),
                      i,
                      (x, y) -> {
                        throw new AssertionError("two winners for " + key.id());
                      });
                }
              }
              return null;
            });
    assertThat(winners).hasSize(keys.size());
    for (ApiKeyRecord key : keys) {
      assertThat(store.apiKeys().find(scope, key.id()).orElseThrow().revokedAt())
          .isEqualTo(clock.now().plusSeconds(winners.get(key.id())));
    }
  }

  @Test
  void apiKeysPageNewestFirst() {
    List<ApiKeyRecord> keys = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      ApiKeyRecord key = fx.apiKey(scope, fx.hash(), clock.now());
      store.apiKeys().insert(key);
      keys.add(key);
    }
    assertThat(pageAll(p -> store.apiKeys().list(scope, p), 5, ApiKeyRecord::id))
        .containsExactlyElementsOf(newestFirstOf(keys, k -> true));
  }
}
