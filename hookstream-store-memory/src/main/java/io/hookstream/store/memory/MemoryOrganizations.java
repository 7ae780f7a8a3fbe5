package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.OrganizationRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Organizations and environments; few rows, so lists sort on read. Writes hold the lock. */
final class MemoryOrganizations implements OrganizationRepository {

  private final ConcurrentHashMap<String, Organization> organizations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Map<String, Environment>> environments =
      new ConcurrentHashMap<>();

  @Override
  public void insert(Organization organization) {
    if (organizations.putIfAbsent(organization.id(), organization) != null) {
      throw new HookstreamException(
          ErrorCode.CONFLICT, "organization already exists: " + organization.id());
    }
  }

  @Override
  public Optional<Organization> find(String orgId) {
    return Optional.ofNullable(orgId == null ? null : organizations.get(orgId));
  }

  @Override
  public List<Organization> list() {
    return organizations.values().stream()
        .sorted(Comparator.comparing(Organization::createdAt).thenComparing(Organization::id))
        .toList();
  }

  @Override
  public synchronized void insertEnvironment(Environment environment) {
    Map<String, Environment> envs =
        environments.computeIfAbsent(environment.orgId(), o -> new ConcurrentHashMap<>());
    boolean taken =
        envs.containsKey(environment.id())
            || envs.values().stream().anyMatch(e -> e.name().equals(environment.name()));
    if (taken) {
      throw new HookstreamException(
          ErrorCode.CONFLICT,
          "environment already exists: " + environment.name() + " (" + environment.id() + ")");
    }
    envs.put(environment.id(), environment);
  }

  @Override
  public Optional<Environment> findEnvironment(String orgId, String envId) {
    Map<String, Environment> envs = orgId == null ? null : environments.get(orgId);
    return Optional.ofNullable(envs == null || envId == null ? null : envs.get(envId));
  }

  @Override
  public List<Environment> listEnvironments(String orgId) {
    return environments.getOrDefault(orgId, Map.of()).values().stream()
        .sorted(Comparator.comparing(Environment::createdAt).thenComparing(Environment::id))
        .toList();
  }
}
