package io.hookstream.auth;

import io.hookstream.internal.Ids;
import io.hookstream.internal.Validation;
import io.hookstream.spi.Clock;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Store;
import java.util.List;
import java.util.Optional;

/** Organizations and their environments. Thread-safe. */
public final class OrganizationService {

  /** How long an environment keeps events unless told otherwise. */
  public static final int DEFAULT_RETENTION_DAYS = 30;

  private final Store store;
  private final Clock clock;
  private final Ids ids;

  public OrganizationService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.ids = new Ids(clock);
  }

  public Organization create(String name) {
    new Validation().requireText("name", name, 200).throwIfInvalid();
    Organization org = new Organization(ids.next("org"), name.strip(), clock.now());
    store.organizations().insert(org);
    return org;
  }

  public Environment createEnvironment(String orgId, String name) {
    return createEnvironment(orgId, name, DEFAULT_RETENTION_DAYS);
  }

  public Environment createEnvironment(String orgId, String name, int retentionDays) {
    new Validation()
        .requireText("name", name, 100)
        .checkRange("retention_days", retentionDays, 1, 3650)
        .throwIfInvalid();
    get(orgId).orElseThrow(() -> HookstreamException.notFound("organization", orgId));
    Environment env =
        new Environment(ids.next("env"), orgId, name.strip(), retentionDays, clock.now());
    store.organizations().insertEnvironment(env);
    return env;
  }

  public Optional<Organization> get(String orgId) {
    return store.organizations().find(orgId);
  }

  public Optional<Environment> environment(String orgId, String envId) {
    return store.organizations().findEnvironment(orgId, envId);
  }

  public List<Organization> list() {
    return store.organizations().list();
  }

  public List<Environment> environments(String orgId) {
    return store.organizations().listEnvironments(orgId);
  }
}
