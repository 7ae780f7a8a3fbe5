package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoresBuilderTest {

  @Test
  void detectsTheDialectFromTheConnection() {
    assertThat(JdbcStores.builder(TestDatabases.h2Memory()).build().dialect())
        .isEqualTo(SqlDialect.H2);
    assertThat(JdbcStores.builder(TestDatabases.postgresFresh()).build().dialect())
        .isEqualTo(SqlDialect.POSTGRESQL);
  }

  @Test
  void refusesAnUnknownDatabaseUnlessTheDialectIsSet() {
    DataSource oracle = productNamed("Oracle");
    assertThatThrownBy(() -> JdbcStores.builder(oracle).autoMigrate(false).build())
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("unsupported database 'Oracle'")
        .hasMessageContaining("dialect");
    assertThat(
            JdbcStores.builder(oracle)
                .autoMigrate(false)
                .dialect(SqlDialect.POSTGRESQL)
                .build()
                .dialect())
        .isEqualTo(SqlDialect.POSTGRESQL);
  }

  @Test
  void anUnreachableDatabaseIsUnavailable() {
    DataSource down =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException("Connection refused", "08001");
                });
    assertThatThrownBy(() -> JdbcStores.builder(down).build())
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    // PostgreSQL needs nothing at build time; H2 must turn its write delay off first.
    JdbcStores stores =
        JdbcStores.builder(down).autoMigrate(false).dialect(SqlDialect.POSTGRESQL).build();
    assertThatThrownBy(() -> stores.store().organizations().list())
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThatThrownBy(
            () -> JdbcStores.builder(down).autoMigrate(false).dialect(SqlDialect.H2).build())
        .isInstanceOfSatisfying(
            HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void anH2UserThatCannotTurnOffTheWriteDelayIsRefusedWithTheReason(@TempDir Path dir)
      throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    JdbcConnectionPool admin = JdbcConnectionPool.create(url, "sa", "");
    JdbcConnectionPool app = JdbcConnectionPool.create(url, "app", "secret");
    try {
      try (Connection c = admin.getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE USER app PASSWORD 'secret'");
        st.execute("GRANT ALL ON SCHEMA PUBLIC TO app");
      }
      assertThatThrownBy(() -> JdbcStores.builder(app).build())
          .isInstanceOfSatisfying(
              HookstreamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
          .hasMessageContaining("cannot make commits durable")
          .hasMessageContaining("admin");
      JdbcStores.builder(admin).build(); // turns the delay off for the open database
      assertThat(JdbcStores.builder(app).autoMigrate(false).build().dialect())
          .isEqualTo(SqlDialect.H2);
    } finally {
      app.dispose();
      admin.dispose();
    }
  }

  @Test
  void rejectsBadTablePrefixesAtOnce() {
    JdbcStores.Builder builder = JdbcStores.builder(TestDatabases.h2Memory());
    for (String bad : new String[] {"Hs_", "1hs", "hs-", "hs_; DROP TABLE x", "a".repeat(31)}) {
      assertThatThrownBy(() -> builder.tablePrefix(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(builder.tablePrefix("").build().tablePrefix()).isEmpty();
  }

  private DataSource productNamed(String product) {
    DatabaseMetaData meta =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) ->
                    method.getName().equals("getDatabaseProductName") ? product : null);
    Connection connection =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("getMetaData") ? meta : null);
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> method.getName().equals("getConnection") ? connection : null);
  }
}
