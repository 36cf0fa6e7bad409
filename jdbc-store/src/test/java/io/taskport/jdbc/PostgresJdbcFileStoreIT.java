package io.taskport.jdbc;

import javax.sql.DataSource;

/** The file store contract on a real PostgreSQL server, through a small pool. */
class PostgresJdbcFileStoreIT extends JdbcFileStoreContract {
  @Override
  protected DataSource openDataSource() {
    return Services.postgresPool(4);
  }
}
