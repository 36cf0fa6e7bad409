package io.taskport.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** Scenario 4 on a real MariaDB server. */
class MariaDbPoolExhaustionIT extends PoolExhaustionContract {
  @Override
  protected HikariDataSource pool(int size) {
    return Services.mariadbPool(size);
  }
}
