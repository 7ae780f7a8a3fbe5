package io.hookstream.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

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
        .isInstanceOfSatisfying(HookstreamException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("unsupported database 'Oracle'")
        .hasMessageContaining("dialect");
    assertThat(JdbcStores.builder(oracle).autoMigrate(false).dialect(SqlDialect.POSTGRESQL)
        .build().dialect()).isEqualTo(SqlDialect.POSTGRESQL);
  }

  @Test
  void anUnreachableDatabaseIsUnavailable() {
    DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          throw new SQLException("Connection refused", "08001");
        });
    assertThatThrownBy(() -> JdbcStores.builder(down).build())
        .isInstanceOfSatisfying(HookstreamException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    JdbcStores stores = JdbcStores.builder(down).autoMigrate(false).dialect(SqlDialect.H2)
        .build();
    assertThatThrownBy(() -> stores.store().organizations().list())
        .isInstanceOfSatisfying(HookstreamException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void rejectsBadTablePrefixesAtOnce() {
    JdbcStores.Builder builder = JdbcStores.builder(TestDatabases.h2Memory());
    for (String bad : new String[] {"Hs_", "1hs", "hs-", "hs_; DROP TABLE x", "a".repeat(31)}) {
      assertThatThrownBy(() -> builder.tablePrefix(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(builder.tablePrefix("").build().tablePrefix()).isEmpty();
  }

  private DataSource productNamed(String product) {
    DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
        (proxy, method, args) -> method.getName().equals("getDatabaseProductName") ? product
            : null);
    Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) ->
            method.getName().equals("getMetaData") ? meta : null);
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) ->
            method.getName().equals("getConnection") ? connection : null);
  }
}
