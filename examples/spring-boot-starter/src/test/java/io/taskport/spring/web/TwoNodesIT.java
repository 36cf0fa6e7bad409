package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.spring.web.app.TestApplication;
import io.taskport.testkit.Services;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Two nodes of the test host share one store, on PostgreSQL (files in the database, the default)
 * and on Redis (files in a shared directory): a task completed on one node downloads from the
 * other, by API and by signed link, and still does after the first node restarts. Each run uses its
 * own table or key prefix and removes it afterwards; an unreachable server skips the test, or
 * fails it when {@code TASKPORT_REQUIRE_SERVICES=true}.
 */
class TwoNodesIT {
  private static final String REDIS_URL = env("TASKPORT_REDIS_URL", "redis://127.0.0.1:6379");
  private static final String PG_URL =
      env("TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  private static int workerPort;
  private static final String SECRET = "taskport.link.secret=two-nodes-share-this-secret-0123456789";

  @Test
  void postgres_aTaskCompletedOnOneNode_downloadsFromTheOther_alsoAfterARestart() throws Exception {
    String prefix = "it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    try (Connection c = postgres()) {
      try {
        List<String> shared =
            List.of(
                "taskport.store=jdbc",
                "taskport.jdbc.create-schema=true",
                "taskport.jdbc.table-prefix=" + prefix,
                SECRET);
        twoNodes(shared, PgSource.class);
        assertThat(tables(c, prefix)).hasSizeGreaterThanOrEqualTo(2); // tasks and files
      } finally {
        try (Statement s = c.createStatement()) {
          for (String table : tables(c, prefix)) {
            s.execute("DROP TABLE IF EXISTS \"" + table + "\" CASCADE");
          }
        }
      }
      assertThat(tables(c, prefix)).isEmpty();
    }
  }

  @Test
  void redis_aTaskCompletedOnOneNode_downloadsFromTheOther_alsoAfterARestart(@TempDir Path files)
      throws Exception {
    String prefix = "taskport-it-" + UUID.randomUUID();
    try (RedisClient redis = RedisClient.create(URI.create(REDIS_URL))) {
      try {
        redis.ping();
      } catch (RuntimeException e) {
        Services.assume(false, "Redis at " + REDIS_URL, e);
      }
      try {
        twoNodes(
            List.of(
                "taskport.store=redis",
                "taskport.redis.url=" + REDIS_URL,
                "taskport.redis.prefix=" + prefix,
                "taskport.files.dir=" + files,
                SECRET),
            null);
      } finally {
        List<String> left = keys(redis, prefix);
        if (!left.isEmpty()) {
          redis.del(left.toArray(String[]::new));
        }
      }
      assertThat(keys(redis, prefix)).isEmpty();
    }
  }

  /** Node a works and node b only serves (workers=0), so the task surely completes on a. */
  private static void twoNodes(List<String> shared, Class<?> extra) throws Exception {
    List<String> worker = new ArrayList<>(shared);
    worker.add("taskport.workers=2");
    List<String> web = new ArrayList<>(shared);
    web.add("taskport.workers=0");
    String id;
    byte[] file;
    String link;
    try (ConfigurableApplicationContext b = start(web, extra)) {
      try (ConfigurableApplicationContext a = start(worker, extra)) {
        workerPort = port(a);
        Api onA = new Api(port(a), "ann");
        HttpResponse<String> submitted =
            onA.postJson(
                "/api/exports",
                "{\"type\":\"accounts\",\"format\":\"xlsx\",\"params\":{\"rows\":321,\"pace\":0}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        id = Api.json(submitted).get("id").asString();
        Api onB = new Api(port(b), "ann");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> "COMPLETED".equals(Api.json(onB.get("/api/tasks/" + id)).get("status").asString()));
        assertThat(userStreamSees(onB, id)).isTrue();
        file = onA.getBytes("/api/tasks/" + id + "/file").body();
        assertThat(file).startsWith('P', 'K'); // a zip: the workbook
        assertThat(onB.getBytes("/api/tasks/" + id + "/file").body()).isEqualTo(file);
        link = Api.json(onA.get("/api/tasks/" + id + "/link")).get("url").asString();
        assertThat(new Api(port(b), null).getBytes(link).body()).isEqualTo(file);
        assertThat(new Api(port(b), "bob").get("/api/tasks/" + id).statusCode()).isEqualTo(404);
      } // a stops gracefully
      Api onB = new Api(port(b), "ann");
      assertThat(onB.getBytes("/api/tasks/" + id + "/file").body()).isEqualTo(file);
      try (ConfigurableApplicationContext again = start(worker, extra)) {
        Api onA = new Api(port(again), "ann");
        HttpResponse<byte[]> r = onA.getBytes("/api/tasks/" + id + "/file");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(file);
        assertThat(new Api(port(again), null).getBytes(link).body()).isEqualTo(file);
        String csv = exportCsv(onA);
        assertThat(new String(new Api(port(b), "ann").getBytes("/api/tasks/" + csv + "/file").body(), StandardCharsets.UTF_8))
            .hasLineCount(1 + 12);
      }
    }
  }

  /**
   * Opens node b's stream of ann's tasks after a task ran on node a, starts another on a, and
   * returns whether b's stream reports it COMPLETED: events of other nodes reach it through the
   * store.
   */
  private static boolean userStreamSees(Api onB, String done) throws Exception {
    try (SseStream s = onB.stream("/api/tasks/events", null)) {
      SseStream.Event first = next(s);
      assertThat(first.name()).isEqualTo("snapshot");
      assertThat(first.data().get("items").toString()).contains(done);
      HttpResponse<String> r =
          new Api(workerPort, "ann")
              .postJson("/api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":13,\"pace\":0}}");
      String id = Api.json(r).get("id").asString();
      while (true) {
        SseStream.Event e = next(s);
        if (e.data().get("id").asString().equals(id) && e.data().get("status").asString().equals("COMPLETED")) {
          return true;
        }
      }
    }
  }

  private static SseStream.Event next(SseStream s) throws Exception {
    SseStream.Event e = CompletableFuture.supplyAsync(s::next).get(60, TimeUnit.SECONDS);
    assertThat(e).as("an event before the stream ended").isNotNull();
    return e;
  }

  private static String exportCsv(Api api) {
    HttpResponse<String> r =
        api.postJson("/api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":12,\"pace\":0}}");
    String id = Api.json(r).get("id").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "COMPLETED".equals(Api.json(api.get("/api/tasks/" + id)).get("status").asString()));
    return id;
  }

  private static ConfigurableApplicationContext start(List<String> properties, Class<?> extra) {
    List<String> args = new ArrayList<>();
    properties.forEach(p -> args.add("--" + p));
    args.add("--server.port=0");
    args.add("--taskport.lease=3s");
    SpringApplicationBuilder b =
        extra == null
            ? new SpringApplicationBuilder(TestApplication.class)
            : new SpringApplicationBuilder(TestApplication.class, extra);
    return b.run(args.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext ctx) {
    return ((WebServerApplicationContext) ctx).getWebServer().getPort();
  }

  /** The test database as the host's DataSource. */
  @Configuration(proxyBeanMethods = false)
  static class PgSource {
    @Bean
    DataSource dataSource() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(PG_URL);
      return ds;
    }
  }

  private static Connection postgres() {
    try {
      return DriverManager.getConnection(PG_URL);
    } catch (Exception e) {
      Services.assume(false, "PostgreSQL at " + PG_URL.replaceAll("password=[^&]*", "password=***"), e);
      throw new AssertionError("unreachable", e);
    }
  }

  private static List<String> tables(Connection c, String prefix) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE tablename LIKE '" + prefix.replace("_", "\\_") + "%'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
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

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
