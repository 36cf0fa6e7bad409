package io.taskport.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.redis.RedisTaskStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One scenario run's private namespace on a backend: a random Redis key prefix or table prefix,
 * a temp directory for files and the audit, and the stores opened on it. Closing it removes the
 * keys, drops the tables and deletes the directory.
 */
final class StoreEnv implements AutoCloseable {
  final Backend backend;
  final String prefix;
  final Path dir;
  final Path files;
  final Path auditFile;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private InMemoryTaskStore memory;

  StoreEnv(Backend backend) throws IOException {
    this.backend = backend;
    this.prefix = "rel" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    this.dir = Files.createTempDirectory("taskport-reliability-");
    this.files = Files.createDirectories(dir.resolve("files"));
    this.auditFile = dir.resolve("audit.log");
    if (backend.isJdbc()) {
      // the schema is created once, before any worker starts
      JdbcTaskStore.builder(dataSource(backend.url(), 2)).tablePrefix(prefix).createSchema(true).build();
    }
  }

  /** A store for a node in this JVM, straight to the server. */
  TaskStore store() {
    return store(backend.url(), 4);
  }

  /** A store for a node in this JVM, on the given server URL (a proxy's) and pool size. */
  TaskStore store(String url, int poolSize) {
    return switch (backend) {
      case MEMORY -> memory(Clock.systemUTC());
      case REDIS -> track(RedisTaskStore.builder(URI.create(url)).prefix(prefix).build());
      case POSTGRES, MARIADB ->
          JdbcTaskStore.builder(dataSource(url, poolSize)).tablePrefix(prefix).build();
    };
  }

  /** A JDBC store on a data source of the caller's, such as a fault-injecting one. */
  TaskStore jdbcStore(DataSource ds) {
    return JdbcTaskStore.builder(ds).tablePrefix(prefix).build();
  }

  /** A JDBC store whose heartbeats take connections from a pool of their own. */
  TaskStore jdbcStore(DataSource ds, DataSource heartbeats) {
    return JdbcTaskStore.builder(ds).tablePrefix(prefix).heartbeatDataSource(heartbeats).build();
  }

  /** The one in-memory store of this run, created on first use with the given clock. */
  synchronized InMemoryTaskStore memory(Clock clock) {
    if (memory == null) {
      memory = new InMemoryTaskStore(clock);
    }
    return memory;
  }

  /** A pool on a JDBC URL that this environment closes. */
  HikariDataSource dataSource(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(1_000);
    config.setInitializationFailTimeout(-1);
    config.setPoolName("reliability-" + opened.size());
    return track(new HikariDataSource(config));
  }

  /** The properties a worker JVM needs to open this store, on the given server URL. */
  Map<String, String> workerProperties(String url) {
    Map<String, String> p = new HashMap<>();
    p.put("store.factory", ReliabilityStoreFactory.class.getName());
    p.put("backend", backend.name());
    p.put("store.url", url);
    p.put("store.prefix", prefix);
    p.put("files.dir", files.toString());
    p.put("audit.file", auditFile.toString());
    return p;
  }

  synchronized <T extends AutoCloseable> T track(T resource) {
    opened.add(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    try {
      switch (backend) {
        case MEMORY -> {}
        case REDIS -> deleteRedisKeys();
        case POSTGRES, MARIADB -> dropTables();
      }
    } catch (Exception e) {
      failure = e;
    }
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    deleteTree(dir);
    if (failure != null) {
      throw failure;
    }
  }

  private void deleteRedisKeys() {
    try (RedisClient jedis = RedisClient.create(URI.create(backend.url()))) {
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
  }

  private void dropTables() throws SQLException {
    try (HikariDataSource ds = new HikariDataSource(config(backend.url()));
        Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      for (String t : new String[] {
        "taskport_task", "taskport_gate", "taskport_file_chunk", "taskport_file"}) {
        st.execute("DROP TABLE IF EXISTS " + prefix + t);
      }
    }
  }

  private static HikariConfig config(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    return config;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
