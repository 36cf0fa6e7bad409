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

  /** The session time zone differs from UTC and from the JVM's (the contract moves the JVM's). */
  @Nested
  class WithSessionTimeZone extends JdbcStoreContract {
    @Override
    protected DataSource openDataSource() {
      String url = Services.require("MariaDB", Services.MYSQL_URL);
      return Services.pool(url, 10, "SET time_zone = '-09:30'");
    }
  }
}
