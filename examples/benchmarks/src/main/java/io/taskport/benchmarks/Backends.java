package io.taskport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.redis.RedisTaskStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One benchmark's stores: every node of a run gets its own store object (its own connections)
 * over one shared namespace, which is removed when the run ends.
 */
abstract class Backends implements AutoCloseable {
  /** Returns the store of one more node. */
  abstract TaskStore node();

  static Backends of(String name) {
    return switch (name) {
      case "memory" -> new Memory();
      case "redis" -> new Redis(env("TASKPORT_REDIS_URL", "redis://127.0.0.1:6379"));
      case "postgres" -> new Jdbc(
          env("TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
      case "mariadb" -> new Jdbc(
          env("TASKPORT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable"));
      default -> throw new IllegalArgumentException(
          "unknown store '" + name + "'; use memory, redis, postgres or mariadb");
    };
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static String randomPrefix() {
    return "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** Nodes share one in-memory store, as threads of one JVM would. */
  static final class Memory extends Backends {
    private final InMemoryTaskStore store = new InMemoryTaskStore();

    @Override
    TaskStore node() {
      return store;
    }

    @Override
    public void close() {}
  }

  static final class Redis extends Backends {
    private final String url;
    private final String prefix = randomPrefix();
    private final List<RedisClient> clients = new ArrayList<>();

    Redis(String url) {
      this.url = url;
    }

    @Override
    TaskStore node() {
      // workers + poller (waits on the store) + events + submitter + housekeeper, with room
      ConnectionPoolConfig pool = new ConnectionPoolConfig();
      pool.setMaxTotal(16);
      pool.setMaxIdle(16);
      java.net.URI uri = java.net.URI.create(url);
      RedisClient jedis =
          RedisClient.builder()
              .hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
              .poolConfig(pool)
              .build();
      clients.add(jedis);
      return RedisTaskStore.builder(jedis).prefix(prefix).build();
    }

    @Override
    public void close() {
      if (!clients.isEmpty()) {
        RedisClient jedis = clients.get(0);
        ScanParams match = new ScanParams().match("{" + prefix + "}:*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
          ScanResult<String> r = jedis.scan(cursor, match);
          if (!r.getResult().isEmpty()) {
            jedis.del(r.getResult().toArray(new String[0]));
          }
          cursor = r.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      }
      clients.forEach(RedisClient::close);
    }
  }

  static final class Jdbc extends Backends {
    private final String url;
    private final String prefix = randomPrefix() + "_";
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<TaskStore> stores = new ArrayList<>();

    Jdbc(String url) {
      this.url = url;
    }

    @Override
    TaskStore node() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(8);
      HikariDataSource ds = new HikariDataSource(config);
      pools.add(ds);
      TaskStore store =
          JdbcTaskStore.builder(ds).tablePrefix(prefix).createSchema(pools.size() == 1).build();
      stores.add(store);
      return store;
    }

    @Override
    public void close() throws Exception {
      stores.forEach(TaskStore::close); // a PostgreSQL store's listener gives its connection back
      if (!pools.isEmpty()) {
        try (Connection c = pools.get(0).getConnection();
            Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_task");
        }
      }
      pools.forEach(HikariDataSource::close);
    }
  }
}
