package io.taskport.jdbc;

import javax.sql.DataSource;

/** The file store contract on a real MariaDB server, without a pool. */
class MariaDbJdbcFileStoreIT extends JdbcFileStoreContract {
  @Override
  protected DataSource openDataSource() {
    return Services.mariadbPlain();
  }
}
