package io.taskport.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.redis.RedisTaskStore;
import io.taskport.store.TaskStore;
import io.taskport.testkit.WorkerStoreFactory;
import java.net.URI;
import java.util.Map;

/**
 * Opens the store of a worker JVM from {@code backend}, {@code store.url} and {@code
 * store.prefix}. The in-memory store cannot be shared with another JVM, so it is refused.
 */
public final class ReliabilityStoreFactory implements WorkerStoreFactory {
  /** Called reflectively by the worker JVM's main. */
  public ReliabilityStoreFactory() {}

  @Override
  public TaskStore create(Map<String, String> p) {
    Backend backend = Backend.valueOf(p.get("backend"));
    String url = p.get("store.url");
    String prefix = p.get("store.prefix");
    return switch (backend) {
      case MEMORY ->
          throw new IllegalArgumentException("the in-memory store cannot be shared by JVMs");
      case REDIS -> RedisTaskStore.builder(URI.create(url)).prefix(prefix).build();
      case POSTGRES, MARIADB -> {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(Integer.parseInt(p.getOrDefault("pool.size", "6")));
        // a warm pool; the wait covers a slow first connection on a loaded machine
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        // the pool lives as long as the worker JVM
        yield JdbcTaskStore.builder(new HikariDataSource(config)).tablePrefix(prefix).build();
      }
    };
  }
}
