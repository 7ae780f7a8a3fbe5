package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.OrganizationRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Organizations and environments in SQL. Thread-safe. */
public final class JdbcOrganizationRepository implements OrganizationRepository {

  private final Jdbc jdbc;
  private final Tables t;

  public JdbcOrganizationRepository(Jdbc jdbc, Tables tables) {
    this.jdbc = jdbc;
    this.t = tables;
  }

  @Override
  public void insert(Organization o) {
    jdbc.updateOrConflict(
        "organization exists: " + o.id(),
        "INSERT INTO " + t.organizations() + " (id, name, created_at) VALUES (?, ?, ?)",
        o.id(),
        o.name(),
        o.createdAt());
  }

  @Override
  public Optional<Organization> find(String orgId) {
    return jdbc.queryOne(
        "SELECT * FROM " + t.organizations() + " WHERE id = ?",
        JdbcOrganizationRepository::organization,
        orgId);
  }

  @Override
  public List<Organization> list() {
    return jdbc.query(
        "SELECT * FROM " + t.organizations() + " ORDER BY created_at, id",
        JdbcOrganizationRepository::organization);
  }

  @Override
  public void insertEnvironment(Environment e) {
    jdbc.updateOrConflict(
        "environment name already in use: " + e.name(),
        "INSERT INTO "
            + t.environments()
            + " (id, org_id, name, retention_days, created_at) VALUES (?, ?, ?, ?, ?)",
        e.id(),
        e.orgId(),
        e.name(),
        e.retentionDays(),
        e.createdAt());
  }

  @Override
  public Optional<Environment> findEnvironment(String orgId, String envId) {
    return jdbc.queryOne(
        "SELECT * FROM " + t.environments() + " WHERE org_id = ? AND id = ?",
        JdbcOrganizationRepository::environment,
        orgId,
        envId);
  }

  @Override
  public List<Environment> listEnvironments(String orgId) {
    return jdbc.query(
        "SELECT * FROM " + t.environments() + " WHERE org_id = ? ORDER BY created_at, id",
        JdbcOrganizationRepository::environment,
        orgId);
  }

  private static Organization organization(ResultSet rs) throws SQLException {
    return new Organization(
        rs.getString("id"), rs.getString("name"), Jdbc.instant(rs, "created_at"));
  }

  private static Environment environment(ResultSet rs) throws SQLException {
    return new Environment(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("name"),
        rs.getInt("retention_days"),
        Jdbc.instant(rs, "created_at"));
  }
}
