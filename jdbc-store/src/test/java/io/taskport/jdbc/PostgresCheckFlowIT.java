package io.taskport.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.taskport.store.TaskStore;
import io.taskport.testkit.CheckFlowContract;

/** Check first, then load, with two nodes on one PostgreSQL store. */
class PostgresCheckFlowIT extends CheckFlowContract {
  private HikariDataSource dataSource;
  private String prefix;

  @Override
  protected TaskStore createStore() {
    dataSource = Services.postgresPool(6);
    prefix = Services.randomPrefix();
    return JdbcTaskStore.builder(dataSource).tablePrefix(prefix).createSchema(true).build();
  }

  @Override
  protected void dropStore(TaskStore store) throws Exception {
    try {
      store.close();
      Services.dropTables(dataSource, prefix);
    } finally {
      dataSource.close();
    }
  }
}
