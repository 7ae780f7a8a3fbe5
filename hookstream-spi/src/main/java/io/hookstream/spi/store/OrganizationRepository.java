package io.hookstream.spi.store;

import java.util.List;
import java.util.Optional;

/** Organizations and their environments. */
public interface OrganizationRepository {

  void insert(Organization organization);

  Optional<Organization> find(String orgId);

  /** All organizations, oldest first (there are few). */
  List<Organization> list();

  /** Throws CONFLICT if an environment with the same name exists in the organization. */
  void insertEnvironment(Environment environment);

  Optional<Environment> findEnvironment(String orgId, String envId);

  /** The organization's environments, oldest first. */
  List<Environment> listEnvironments(String orgId);
}
