package io.taskport.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/** The store contract on a real MariaDB server (standing in for MySQL 8), pooled and unpooled. */
class MariaDbJdbcTaskStoreIT {
  @Nested
  class WithHikari extends JdbcStoreContract {
    @Override
    protected DataSource openDataSource() {
      return Services.mariadbPool(10);
    }
  }

  @Nested
  class WithoutPool extends JdbcStoreContract {
    @Override
    protected DataSource openDataSource() {
      return Services.mariadbPlain();
    }
  }
}
