package io.hookstream.store.jdbc;

import static io.hookstream.store.jdbc.Fixtures.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.SourceRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Pools configured with auto-commit off (a common HikariCP setting) still get durable writes. */
class NonAutoCommitPoolTest {

  @Test
  void writesCommitWhenThePoolHandsOutConnectionsWithAutoCommitOff() throws Exception {
    DataSource plain = TestDatabases.h2Memory();
    DataSource autoCommitOff =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  try {
                    Object result = method.invoke(plain, args);
                    if (result instanceof Connection c) {
                      c.setAutoCommit(false);
                    }
                    return result;
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    JdbcStores stores = JdbcStores.builder(autoCommitOff).build();
    SourceRecord source = Fixtures.source("committed");
    stores.store().sources().insert(source);

    try (Connection other = plain.getConnection();
        Statement st = other.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT slug FROM hs_sources WHERE id = '" + source.id() + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("committed");
    }
    assertThat(stores.store().sources().find(SCOPE, source.id())).isPresent();
  }
}
