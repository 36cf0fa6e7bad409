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
}
