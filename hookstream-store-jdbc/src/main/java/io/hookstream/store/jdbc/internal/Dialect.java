package io.hookstream.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * What differs between databases: the migration scripts, the migration lock, JSON parameters,
 * upserts and the claim of due tasks. One stateless instance per database product.
 */
public abstract class Dialect {

  /** The folder under {@code io/hookstream/store/jdbc/migrations/} holding this dialect's SQL. */
  public abstract String migrationFolder();

  /**
   * Takes the cross-process migration lock on {@code lockConnection}, waiting for it: it opens a
   * transaction there that holds the lock until {@link #releaseMigrationLock} commits it (or a
   * rollback ends it). Schema changes run on another connection.
   */
  public abstract void acquireMigrationLock(Connection lockConnection, String prefix)
      throws SQLException;

  public abstract void releaseMigrationLock(Connection lockConnection, String prefix)
      throws SQLException;

  /**
   * Makes every commit reach the database file before it returns, so that an acknowledged write
   * survives a crash of the process; throws if that cannot be arranged. No-op by default (and then
   * {@code dataSource} is not touched).
   */
  public void requireDurableCommits(DataSource dataSource) throws SQLException {}

  /** Whether DDL can run inside a transaction (so a script and its version row commit as one). */
  public abstract boolean transactionalDdl();

  /** A bind marker for a JSON column value given as text. */
  public abstract String jsonParam();

  /** A bind marker for a header-map column value (JSON text whose key order is kept). */
  public abstract String orderedJsonParam();

  /**
   * An insert-or-replace of one row keyed by {@code keyColumn}, binding {@code columns} in order
   * ({@code keyColumn} first).
   */
  public abstract String upsert(String table, String keyColumn, List<String> columns);

  /**
   * An insert of one row that either inserts (update count 1) or, on a key clash, inserts nothing:
   * with an update count of 0 where the database can say so, else a unique-key error.
   */
  public abstract String insertIfAbsent(String table, List<String> columns);

  /** A condition that is true when the binary column {@code column} contains the bound bytes. */
  public abstract String binaryContains(String column);

  /** A condition on the JSON {@code column} that matches a record search of one bound parameter. */
  public abstract String recordSearch(String column);

  /** The parameter {@link #recordSearch} binds for {@code term}. */
  public abstract Object recordSearchParam(String term);

  /**
   * What ends a subquery so that the planner runs it as written rather than merging it into the
   * outer query; empty where subqueries are not merged.
   */
  public String fence() {
    return "";
  }

  /**
   * Whether a guarded upsert is one {@code INSERT ... ON CONFLICT ... DO UPDATE ... WHERE}
   * statement; otherwise it is a locked read and a write in one transaction.
   */
  public abstract boolean upsertsOnConflict();

  /**
   * Whether locked rows can be skipped ({@code SKIP LOCKED}): then a destination claim runs as one
   * statement and recovery sweeps skip each other's events.
   */
  public abstract boolean skipLockedClaims();

  /**
   * Inside the open transaction of {@code c}, before a claim of {@code destinationId}: takes the
   * destination's claim lock and sets the transaction up for claiming. False when another claim of
   * the destination holds the lock and this one should claim nothing rather than wait. By default
   * it waits for the lock ({@link #lockDestination}).
   */
  public boolean beginClaim(Connection c, String lockTable, String destinationId)
      throws SQLException {
    lockDestination(c, lockTable, destinationId);
    return true;
  }

  /**
   * Inside the open transaction of {@code c}: waits for, and holds until that transaction ends, the
   * cross-process lock on claims of one destination ({@code lockTable} is the H2 lock table).
   */
  public abstract void lockDestination(Connection c, String lockTable, String destinationId)
      throws SQLException;
}
