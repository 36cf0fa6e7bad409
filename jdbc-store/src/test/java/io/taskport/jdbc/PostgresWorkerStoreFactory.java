package io.taskport.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.taskport.store.TaskStore;
import io.taskport.testkit.WorkerStoreFactory;
import java.util.Map;

/** The store of a worker JVM in {@link PostgresCrashIT}: {@code jdbc.url}, {@code jdbc.prefix}. */
public final class PostgresWorkerStoreFactory implements WorkerStoreFactory {
  /** Creates the factory; called reflectively by the worker JVM's main. */
  public PostgresWorkerStoreFactory() {}

  @Override
  public TaskStore create(Map<String, String> properties) {
    // the pool lives as long as the worker JVM, which the test kills
    HikariDataSource ds = Services.pool(properties.get("jdbc.url"), 6);
    return JdbcTaskStore.builder(ds).tablePrefix(properties.get("jdbc.prefix")).build();
  }
}
