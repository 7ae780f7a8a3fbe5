package io.hookstream.store.jdbc;

import io.hookstream.spi.BlobStore;
import io.hookstream.spi.Clock;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.store.Store;
import io.hookstream.store.jdbc.internal.Jdbc;
import io.hookstream.store.jdbc.internal.Migrator;
import io.hookstream.store.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The entry point of the JDBC store: on one {@link DataSource}, the {@link Store}, the {@link
 * KeyValueStore} and the {@link BlobStore}, sharing one schema.
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.builder(dataSource).tablePrefix("hs_").build();
 * Store store = stores.store();
 * }</pre>
 *
 * <p>{@link Builder#build()} detects the database (unless {@link Builder#dialect} says it), turns
 * off H2's write delay (so a commit that returned survives a crash of the process) and, unless
 * {@link Builder#autoMigrate autoMigrate(false)}, brings the schema up to date under a lock, so
 * several instances may start at once. Immutable and thread-safe; the stores it hands out are too.
 * Pool size: see {@code docs/storage.md}.
 */
public final class JdbcStores {

  /** The default table prefix. */
  public static final String DEFAULT_TABLE_PREFIX = "hs_";

  /** How often claims move a scan floor up by default. */
  public static final Duration DEFAULT_SCAN_FLOOR_REFRESH = Duration.ofMillis(250);

  /** Event inserts that may share one commit, unless {@code groupCommitRows} says otherwise. */
  public static final int DEFAULT_GROUP_COMMIT_ROWS = 100;

  private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,29})?");

  private final SqlDialect dialect;
  private final String tablePrefix;
  private final JdbcStore store;
  private final JdbcKeyValueStore keyValueStore;
  private final JdbcBlobStore blobStore;

  private JdbcStores(Builder b, SqlDialect dialect) {
    this.dialect = dialect;
    this.tablePrefix = b.tablePrefix;
    Jdbc jdbc = new Jdbc(b.dataSource);
    Tables tables = Tables.withPrefix(b.tablePrefix);
    this.store = new JdbcStore(jdbc, dialect.impl(), tables, b.groupCommitRows, b.scanFloorRefresh);
    this.keyValueStore = new JdbcKeyValueStore(jdbc, dialect.impl(), tables.kv(), b.clock);
    this.blobStore = new JdbcBlobStore(jdbc, dialect.impl(), tables.blobs(), b.clock);
  }

  /** A builder for stores on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  public Store store() {
    return store;
  }

  public KeyValueStore keyValueStore() {
    return keyValueStore;
  }

  /** Blobs in the database ({@code <prefix>blobs}); see also {@code FileSystemBlobStore}. */
  public BlobStore blobStore() {
    return blobStore;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  public String tablePrefix() {
    return tablePrefix;
  }

  /** The schema version the running code expects. */
  public static int latestSchemaVersion() {
    return Migrator.LATEST_VERSION;
  }

  /** Configures {@link JdbcStores}; rejects bad values at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private boolean autoMigrate = true;
    private SqlDialect dialect;
    private Clock clock = Clock.system();
    private int groupCommitRows = DEFAULT_GROUP_COMMIT_ROWS;
    private Duration scanFloorRefresh = DEFAULT_SCAN_FLOOR_REFRESH;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Prepended to every table and index name: lower-case letters, digits and underscores, starting
     * with a letter, at most 30 characters, or empty. Default {@code hs_}.
     */
    public Builder tablePrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("table prefix must match " + PREFIX + ": " + prefix);
      }
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * Whether {@link #build()} applies missing schema versions (default true). Turn it off when the
     * host runs the scripts itself (Flyway, Liquibase): see {@code docs/storage.md}.
     */
    public Builder autoMigrate(boolean autoMigrate) {
      this.autoMigrate = autoMigrate;
      return this;
    }

    /** Overrides the dialect detected from the connection's product name. */
    public Builder dialect(SqlDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * How many concurrent event inserts may share one transaction (default {@value
     * #DEFAULT_GROUP_COMMIT_ROWS}); 1 turns group commit off. Each insert still returns only after
     * the commit that holds its row.
     */
    public Builder groupCommitRows(int rows) {
      if (rows < 1 || rows > 10_000) {
        throw new IllegalArgumentException("groupCommitRows must be 1..10000: " + rows);
      }
      this.groupCommitRows = rows;
      return this;
    }

    /**
     * How often, in wall time, PostgreSQL claims move a destination's scan floor up (default 250
     * ms; see docs/storage.md, "Long transactions and the scan floors"). Shorter reads fewer dead
     * index entries under a held snapshot at the cost of one more query per claim; zero refreshes
     * on every claim.
     */
    public Builder scanFloorRefresh(Duration refresh) {
      if (Objects.requireNonNull(refresh, "refresh").isNegative()) {
        throw new IllegalArgumentException("scanFloorRefresh must not be negative: " + refresh);
      }
      this.scanFloorRefresh = refresh;
      return this;
    }

    /** The clock for key-value expiry and blob timestamps (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Detects the dialect if needed, makes commits durable (on H2: {@code SET WRITE_DELAY 0}),
     * migrates if enabled, and builds the stores.
     *
     * @throws HookstreamException UNAVAILABLE if the database cannot be reached or commits cannot
     *     be made durable, INTERNAL if its product is not supported
     */
    public JdbcStores build() {
      SqlDialect chosen = dialect != null ? dialect : detect();
      requireDurableCommits(chosen);
      if (autoMigrate) {
        new Migrator(dataSource, chosen.impl(), tablePrefix).migrate();
      }
      return new JdbcStores(this, chosen);
    }

    /** A write that returned must survive a crash: see {@code docs/storage.md}, Durability. */
    private void requireDurableCommits(SqlDialect chosen) {
      try {
        chosen.impl().requireDurableCommits(dataSource);
      } catch (SQLException e) {
        throw new HookstreamException(
            ErrorCode.UNAVAILABLE,
            "cannot make commits durable ("
                + e.getMessage()
                + "): on H2, SET WRITE_DELAY 0 needs an admin user, or the database"
                + " open with ;WRITE_DELAY=0 in its URL",
            e);
      }
    }

    private SqlDialect detect() {
      String product;
      try (Connection c = dataSource.getConnection()) {
        product = c.getMetaData().getDatabaseProductName();
      } catch (SQLException e) {
        throw new HookstreamException(
            ErrorCode.UNAVAILABLE, "database unavailable: " + e.getMessage(), e);
      }
      return SqlDialect.forProductName(product)
          .orElseThrow(
              () ->
                  new HookstreamException(
                      ErrorCode.INTERNAL,
                      "unsupported database '"
                          + product
                          + "': hookstream supports H2 and PostgreSQL; set JdbcStores.builder(...).dialect"
                          + "(...) if this one is compatible"));
    }
  }
}
