package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.store.TaskStore;
import io.taskport.testkit.Services;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The demo's {@code redis} and {@code postgres} profiles against real servers ({@code
 * TASKPORT_REDIS_URL}, {@code TASKPORT_PG_URL}): one export end to end, then its download. Each run
 * uses its own key prefix or table prefix and removes it afterwards. An unreachable server skips
 * the test, or fails it when {@code TASKPORT_REQUIRE_SERVICES=true}.
 */
class DemoStoresIT {
  private static final String REDIS_URL = env("TASKPORT_REDIS_URL", "redis://127.0.0.1:6379");
  private static final String PG_URL =
      env("TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  @Test
  void redisProfile_exportsAndDownloads(@TempDir Path files) {
    String prefix = "taskport-it-" + UUID.randomUUID();
    try (RedisClient redis = RedisClient.create(URI.create(REDIS_URL))) {
      try {
        redis.ping();
      } catch (RuntimeException e) {
        Services.assume(false, "Redis at " + redact(REDIS_URL), e);
      }
      try {
        runDemo(
            "redis",
            List.of(
                "taskport.redis.url=" + REDIS_URL,
                "taskport.redis.prefix=" + prefix,
                "taskport.files.dir=" + files),
            "{" + prefix + "}");
        assertThat(keys(redis, prefix)).as("keys under the test prefix while it ran").isNotEmpty();
      } finally {
        List<String> left = keys(redis, prefix);
        if (!left.isEmpty()) {
          redis.del(left.toArray(String[]::new));
        }
      }
      assertThat(keys(redis, prefix)).isEmpty();
    }
  }

  @Test
  void postgresProfile_exportsAndDownloads() throws Exception {
    String prefix = tablePrefix();
    try (Connection c = postgres()) {
      try {
        runDemo(
            "postgres",
            List.of("spring.datasource.url=" + PG_URL, "taskport.jdbc.table-prefix=" + prefix),
            prefix + "taskport_task");
        assertThat(tables(c, prefix)).contains(prefix + "taskport_task");
      } finally {
        dropTables(c, prefix);
      }
      assertThat(tables(c, prefix)).isEmpty();
    }
  }

  /** Two nodes of the postgres profile: a task one node ran downloads from the other. */
  @Test
  void postgresProfile_runsTwoNodes() throws Exception {
    String prefix = tablePrefix();
    try (Connection c = postgres()) {
      try {
        twoNodes(
            "postgres",
            List.of("spring.datasource.url=" + PG_URL, "taskport.jdbc.table-prefix=" + prefix));
      } finally {
        dropTables(c, prefix);
      }
    }
  }

  /** Two nodes of the redis profile on one shared files directory. */
  @Test
  void redisProfile_runsTwoNodes(@TempDir Path files) {
    String prefix = "taskport-it-" + UUID.randomUUID();
    try (RedisClient redis = RedisClient.create(URI.create(REDIS_URL))) {
      try {
        redis.ping();
      } catch (RuntimeException e) {
        Services.assume(false, "Redis at " + redact(REDIS_URL), e);
      }
      try {
        twoNodes(
            "redis",
            List.of(
                "taskport.redis.url=" + REDIS_URL,
                "taskport.redis.prefix=" + prefix,
                "taskport.files.dir=" + files));
      } finally {
        List<String> left = keys(redis, prefix);
        if (!left.isEmpty()) {
          redis.del(left.toArray(String[]::new));
        }
      }
    }
  }

  /** Starts two nodes, one of them without workers, exports on one and downloads from both. */
  private static void twoNodes(String profile, List<String> properties) {
    List<String> shared = new ArrayList<>(properties);
    shared.add("taskport.link.secret=two-demo-nodes-share-this-secret-0123");
    List<String> web = new ArrayList<>(shared);
    web.add("taskport.workers=0");
    try (ConfigurableApplicationContext worker = start(profile, shared);
        ConfigurableApplicationContext front = start(profile, web)) {
      String id = exportAndDownload(port(worker));
      Api ann = new Api(port(front), "ann");
      HttpResponse<byte[]> file = ann.getBytes("/api/tasks/" + id + "/file");
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(new String(file.body(), StandardCharsets.UTF_8).lines().count()).isEqualTo(1 + 1234);
      String link = Api.json(new Api(port(worker), "ann").get("/api/tasks/" + id + "/link")).get("url").asString();
      assertThat(new Api(port(front), null).getBytes(link).body()).isEqualTo(file.body());
    }
  }

  /**
   * RELIABILITY.md scenario 22, key rotation across deployments sharing one database and file
   * directory: a link issued while k1 signs still downloads once k2 signs, and is refused (403, the
   * tampered-link body) once k1 is retired.
   */
  @Test
  void postgresProfile_linkKeyRotation_k1LinksWorkUntilK1IsRetired(@TempDir Path files)
      throws Exception {
    String prefix = tablePrefix();
    try (Connection c = postgres()) {
      List<String> shared =
          List.of(
              "spring.datasource.url=" + PG_URL,
              "taskport.jdbc.table-prefix=" + prefix,
              "taskport.files.dir=" + files,
              "taskport.link.keys.k1.secret=first-key-first-key-first-key-first");
      String k2 = "taskport.link.keys.k2.secret=second-key-second-key-second-key-2";
      try {
        String link;
        try (ConfigurableApplicationContext ctx = start("postgres", shared)) {
          String id = exportAndDownload(port(ctx));
          link = Api.json(new Api(port(ctx), "ann").get("/api/tasks/" + id + "/link")).get("url").asString();
          assertThat(link).contains("&kid=k1&");
        }
        List<String> rotated = new ArrayList<>(shared);
        rotated.addAll(List.of(k2, "taskport.link.current-key=k2"));
        try (ConfigurableApplicationContext ctx = start("postgres", rotated)) {
          assertThat(new Api(port(ctx), null).getBytes(link).statusCode()).isEqualTo(200);
        }
        List<String> retired = new ArrayList<>(shared);
        retired.addAll(List.of(k2, "taskport.link.keys.k1.retired=true"));
        try (ConfigurableApplicationContext ctx = start("postgres", retired)) {
          Api nobody = new Api(port(ctx), null);
          HttpResponse<String> refused = nobody.get(link);
          assertThat(refused.statusCode()).isEqualTo(403);
          String id = link.substring("/files/".length(), link.indexOf('?'));
          HttpResponse<String> tampered = nobody.get("/files/" + id + "?file=result&expires=1&kid=k2&signature=x");
          assertThat(refused.body()).isEqualTo(tampered.body());
          String fresh = Api.json(new Api(port(ctx), "ann").get("/api/tasks/" + id + "/link")).get("url").asString();
          assertThat(fresh).contains("&kid=k2&");
          assertThat(nobody.getBytes(fresh).statusCode()).isEqualTo(200);
        }
      } finally {
        dropTables(c, prefix);
      }
    }
  }

  /**
   * Starts the demo with a profile on a free port, checks that its store uses the test's prefix
   * (named in {@code store}), exports and downloads as ann, and stops it.
   */
  private static void runDemo(String profile, List<String> properties, String store) {
    try (ConfigurableApplicationContext ctx = start(profile, properties)) {
      assertThat(ctx.getBean(TaskStore.class).toString()).contains(store);
      exportAndDownload(port(ctx));
    }
  }

  private static ConfigurableApplicationContext start(String profile, List<String> properties) {
    // command-line arguments, so they win over the profile's own application-<profile>.yml
    List<String> args = new ArrayList<>();
    properties.forEach(p -> args.add("--" + p));
    args.add("--server.port=0");
    args.add("--taskport.lease=3s");
    return new SpringApplicationBuilder(DemoApplication.class)
        .profiles(profile)
        .run(args.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext ctx) {
    return ((WebServerApplicationContext) ctx).getWebServer().getPort();
  }

  /** Exports as ann, downloads the file and through a signed link; returns the task id. */
  private static String exportAndDownload(int port) {
    Api ann = new Api(port, "ann");
    HttpResponse<String> submitted =
        ann.postJson(
            "/api/exports",
            "{\"type\":\"accounts\",\"format\":\"csv\",\"params\":{\"rows\":1234,\"pace\":0}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    String id = Api.json(submitted).get("id").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "COMPLETED".equals(Api.json(ann.get("/api/tasks/" + id)).get("status").asString()));
    HttpResponse<byte[]> file = ann.getBytes("/api/tasks/" + id + "/file");
    assertThat(file.statusCode()).isEqualTo(200);
    String csv = new String(file.body(), StandardCharsets.UTF_8);
    assertThat(csv.lines().count()).isEqualTo(1 + 1234);
    String link = Api.json(ann.get("/api/tasks/" + id + "/link")).get("url").asString();
    assertThat(new Api(port, null).getBytes(link).body()).isEqualTo(file.body());
    assertThat(new Api(port, "bob").get("/api/tasks/" + id).statusCode()).isEqualTo(404);
    return id;
  }

  private static String tablePrefix() {
    return "it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
  }

  /** A connection to the test database; skips or fails the test when there is none. */
  private static Connection postgres() {
    try {
      return DriverManager.getConnection(PG_URL);
    } catch (Exception e) {
      Services.assume(false, "PostgreSQL at " + redact(PG_URL), e);
      throw new AssertionError("unreachable", e);
    }
  }

  private static void dropTables(Connection c, String prefix) throws Exception {
    try (Statement s = c.createStatement()) {
      for (String table : tables(c, prefix)) {
        s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
      }
    }
  }

  private static List<String> keys(RedisClient redis, String prefix) {
    List<String> keys = new ArrayList<>();
    ScanParams match = new ScanParams().match("{" + prefix + "}*").count(500);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, match);
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }

  private static List<String> tables(Connection c, String prefix) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE tablename LIKE '"
                    + prefix.toLowerCase(Locale.ROOT).replace("_", "\\_")
                    + "%'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /** The URL without its password, for messages. */
  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
