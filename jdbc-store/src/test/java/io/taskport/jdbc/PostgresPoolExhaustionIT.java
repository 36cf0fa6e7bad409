package io.taskport.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** Scenario 4 on a real PostgreSQL server. */
class PostgresPoolExhaustionIT extends PoolExhaustionContract {
  @Override
  protected HikariDataSource pool(int size) {
    return Services.postgresPool(size);
  }
}
