package io.hookstream.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * H2 2.x. DDL commits on its own here, so the migration lock is a row lock held by a separate
 * connection's open transaction ({@code SELECT ... FOR UPDATE} on {@code <prefix>schema_lock}).
 * Claims are optimistic, version-checked updates.
 */
public final class H2Dialect extends Dialect {

  /** How long an instance waits for another's migration before giving up. */
  private static final int LOCK_TIMEOUT_SECONDS = 120;

  @Override
  public String migrationFolder() {
    return "h2";
  }

  @Override
  public void acquireMigrationLock(Connection c, String prefix) throws SQLException {
    String table = prefix + "schema_lock";
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS " + table + " (id INT PRIMARY KEY)");
      st.execute("MERGE INTO " + table + " (id) KEY (id) VALUES (1)");
      c.setAutoCommit(false);
      // WAIT bounds this one statement, leaving the pooled connection's lock timeout alone.
      st.executeQuery(
              "SELECT id FROM " + table + " WHERE id = 1 FOR UPDATE WAIT " + LOCK_TIMEOUT_SECONDS)
          .close();
    }
  }

  @Override
  public void releaseMigrationLock(Connection c, String prefix) throws SQLException {
    c.commit();
    c.setAutoCommit(true);
  }

  /**
   * H2's MVStore writes commits to its file from a background thread every WRITE_DELAY ms (500 by
   * default); only with 0 does each commit write its chunk before returning. The setting holds for
   * the open database, every connection; H2 2.3 lists a stored value and the one in effect, and
   * does not restore a stored 0 when it reopens the files, so every row must say 0.
   */
  @Override
  public void requireDurableCommits(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SETTINGS"
                  + " WHERE SETTING_NAME = 'WRITE_DELAY' AND SETTING_VALUE <> '0'")) {
        rs.next();
        if (rs.getInt(1) == 0) {
          return;
        }
      }
      st.execute("SET WRITE_DELAY 0");
    }
  }

  @Override
  public boolean transactionalDdl() {
    return false;
  }

  @Override
  public String jsonParam() {
    return "?";
  }

  @Override
  public String orderedJsonParam() {
    return "?";
  }

  @Override
  public String upsert(String table, String keyColumn, List<String> columns) {
    return "MERGE INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") KEY ("
        + keyColumn
        + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?"))
        + ")";
  }

  @Override
  public String insertIfAbsent(String table, List<String> columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?"))
        + ")";
  }

  @Override
  public String binaryContains(String column) {
    return "POSITION(?, " + column + ") > 0";
  }

  /** A case-insensitive substring of the record's JSON text: a scan of the collection. */
  @Override
  public String recordSearch(String column) {
    return "LOWER(" + column + ") LIKE ? ESCAPE '\\'";
  }

  @Override
  public Object recordSearchParam(String term) {
    return "%" + Jdbc.likePrefix(term.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public boolean upsertsOnConflict() {
    return false;
  }

  @Override
  public boolean skipLockedClaims() {
    return false;
  }

  @Override
  public void lockDestination(Connection c, String lockTable, String destinationId)
      throws SQLException {
    // H2 has no advisory locks: lock the destination's row, inserting it the first time. A
    // failed statement does not abort an H2 transaction, so losing the insert race just means
    // the row is there to lock on the next pass.
    for (int pass = 0; pass < 3; pass++) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT destination_id FROM " + lockTable + " WHERE destination_id = ? FOR UPDATE")) {
        ps.setString(1, destinationId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO " + lockTable + " (destination_id) VALUES (?)")) {
        ps.setString(1, destinationId);
        ps.executeUpdate();
        return; // our uncommitted row: nobody else can lock it before we commit
      } catch (SQLException e) {
        if (!Jdbc.isUniqueViolation(e)) {
          throw e;
        }
      }
    }
    throw new SQLException("could not lock claims of destination " + destinationId, "HYT00");
  }
}
