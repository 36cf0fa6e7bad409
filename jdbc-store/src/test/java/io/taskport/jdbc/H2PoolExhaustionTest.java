package io.taskport.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** Scenario 4 on in-memory H2 behind Hikari; runs in every build. */
class H2PoolExhaustionTest extends PoolExhaustionContract {
  @Override
  protected HikariDataSource pool(int size) {
    return Services.pool("jdbc:h2:mem:" + Services.randomPrefix() + ";DB_CLOSE_DELAY=-1", size);
  }
}
