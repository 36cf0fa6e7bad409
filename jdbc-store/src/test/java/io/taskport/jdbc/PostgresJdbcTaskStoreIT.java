package io.taskport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/** The store contract on a real PostgreSQL server, pooled and unpooled. */
class PostgresJdbcTaskStoreIT {
  @Nested
  class WithHikari extends JdbcStoreContract {
    @Override
    protected DataSource openDataSource() {
      return Services.postgresPool(10);
    }
  }

  @Nested
  class WithoutPool extends JdbcStoreContract {
    @Override
    protected DataSource openDataSource() {
      return Services.postgresPlain();
    }
  }

  /** The session time zone differs from UTC and from the JVM's (the contract moves the JVM's). */
  @Nested
  class WithSessionTimeZone extends JdbcStoreContract {
    @Override
    protected DataSource openDataSource() {
      String url = Services.require("PostgreSQL", Services.PG_URL);
      return Services.pool(url, 10, "SET TIME ZONE 'Pacific/Kiritimati'");
    }
  }
}
