package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reads and writes shared by the soft-deletable, versioned tables (sources, destinations,
 * connections): live lookups, newest-first pages, compare-and-set updates and soft deletes. A row's
 * values are given in {@link Columns} order, starting with id, org_id and env_id.
 */
final class VersionedRows<T> {

  private final Jdbc jdbc;
  private final String table;
  private final Columns columns;
  private final Jdbc.RowMapper<T> mapper;
  private final Function<T, String> id;

  VersionedRows(
      Jdbc jdbc, String table, Columns columns, Jdbc.RowMapper<T> mapper, Function<T, String> id) {
    this.jdbc = jdbc;
    this.table = table;
    this.columns = columns;
    this.mapper = mapper;
    this.id = id;
  }

  void insert(String conflictMessage, Object[] values) {
    jdbc.updateOrConflict(conflictMessage, columns.insert(table), values);
  }

  Optional<T> findLive(Scope scope, String rowId) {
    return jdbc.queryOne(
        "SELECT * FROM "
            + table
            + " WHERE id = ? AND org_id = ? AND env_id = ?"
            + " AND deleted_at IS NULL",
        mapper,
        rowId,
        scope.orgId(),
        scope.envId());
  }

  /** Any row with this id, deleted or not, across tenants. */
  Optional<T> findAny(String rowId) {
    return jdbc.queryOne("SELECT * FROM " + table + " WHERE id = ?", mapper, rowId);
  }

  /** A list of the scope's live rows, for further conditions and paging. */
  ListQuery liveList(Scope scope) {
    return new ListQuery(
        "SELECT * FROM " + table + " WHERE org_id = ? AND env_id = ?" + " AND deleted_at IS NULL",
        scope.orgId(),
        scope.envId());
  }

  Page<T> page(ListQuery query, PageRequest page) {
    return query.page(jdbc, page, mapper, id);
  }

  /** Replaces a live row whose stored version is {@code newVersion - 1}. */
  boolean update(String conflictMessage, Object[] values, long newVersion) {
    Object[] params = updateParams(values, values[0], values[1], values[2], newVersion - 1);
    return jdbc.updateOrConflict(
            conflictMessage,
            "UPDATE "
                + table
                + " SET "
                + columns.assignments("id", "org_id", "env_id")
                + " WHERE id = ? AND org_id = ?"
                + " AND env_id = ? AND version = ? AND deleted_at IS NULL",
            params)
        == 1;
  }

  /** Marks a live row deleted at {@code at} (bumping its version); false if none. */
  boolean softDelete(Scope scope, String rowId, Instant at) {
    return jdbc.update(
            "UPDATE "
                + table
                + " SET deleted_at = ?, updated_at = ?,"
                + " version = version + 1 WHERE id = ? AND org_id = ? AND env_id = ?"
                + " AND deleted_at IS NULL",
            at,
            at,
            rowId,
            scope.orgId(),
            scope.envId())
        == 1;
  }

  /**
   * The parameters of {@code UPDATE ... SET <every column but the first three> WHERE ...}: the
   * insert values after the first three, followed by the WHERE clause's {@code tail}.
   */
  static Object[] updateParams(Object[] insertValues, Object... tail) {
    int n = insertValues.length - 3;
    Object[] params = new Object[n + tail.length];
    System.arraycopy(insertValues, 3, params, 0, n);
    System.arraycopy(tail, 0, params, n, tail.length);
    return params;
  }
}
