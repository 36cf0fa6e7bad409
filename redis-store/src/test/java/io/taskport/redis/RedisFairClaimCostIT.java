package io.taskport.redis;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Task;
import io.taskport.store.ClaimRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * What a fair claim costs with a large backlog: 1 heavy owner's 99,980 queued tasks, then 20
 * light owners' one task each, 100,000 in all, on a Redis server of its own (so that its command
 * statistics count this test only). The 20 light tasks must be among the first 21 fair claims,
 * and a claim must cost about the same at 100,000 queued tasks as at 2,000: the next task is the
 * head of one sorted set, whatever the backlog. Prints the figures the README quotes.
 */
class RedisFairClaimCostIT {
  private static final Set<String> TYPES = Set.of("accounts");
  private static final Duration LEASE = Duration.ofMinutes(10);
  private static final ClaimRules FAIR = new ClaimRules(true, Map.of(), Map.of(), 0, 0);
  private static final int LIGHT = 20;
  private static final int CLAIMS = 500;

  private static Path dir;
  private static RedisServerProcess server;
  private static RedisClient jedis;

  @BeforeAll
  static void startServer() throws Exception {
    RedisTestSupport.requireProgram("redis-server");
    dir = Files.createTempDirectory("taskport-redis-cost");
    server =
        new RedisServerProcess(RedisServerProcess.freePort(), dir, "--appendonly", "no").start();
    jedis = RedisClient.create("redis://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (jedis != null) {
      jedis.close();
    }
    if (server != null) {
      server.close();
    }
    RedisServerProcess.deleteTree(dir);
  }

  @Test
  void fairClaim_costsTheSameAt100000QueuedTasksAsAt2000() throws Exception {
    Figures small = run(2_000 - LIGHT, "small");
    Figures large = run(100_000 - LIGHT, "large");
    System.out.printf(
        "fair claim cost, %d claims of 1 task each after the 21 checked:%n"
            + "  queued  client p50  client p99  server us/claim  server us/create%n"
            + "  %6d  %7.0f us  %7.0f us  %15.1f  %16.1f%n"
            + "  %6d  %7.0f us  %7.0f us  %15.1f  %16.1f%n"
            + "  plain rank order at %d: client p50 %.0f us, server %.1f us/claim%n",
        CLAIMS,
        small.queued, small.p50, small.p99, small.serverClaim, small.serverCreate,
        large.queued, large.p50, large.p99, large.serverClaim, large.serverCreate,
        large.queued, large.plainP50, large.plainServer);
    assertThat(large.serverClaim)
        .as("server time per claim at 100,000 queued against 2,000 (us)")
        .isLessThan(Math.max(3 * small.serverClaim, small.serverClaim + 100));
  }

  private Figures run(int heavy, String name) throws Exception {
    String prefix = RedisTestSupport.randomPrefix();
    try (RedisTaskStore store = RedisTaskStore.builder(jedis).prefix(prefix).build()) {
      resetStats();
      fill(store, heavy);
      for (int i = 1; i <= LIGHT; i++) {
        store.create(pendingExport().owner("light-" + i).build());
      }
      double serverCreate = serverMicros("evalsha") / (heavy + LIGHT);
      Set<String> firstOwners = new HashSet<>();
      for (int i = 0; i <= LIGHT; i++) {
        firstOwners.add(one(store, FAIR).owner());
      }
      assertThat(firstOwners)
          .as("owners of the first 21 fair claims with %d queued (%s)", heavy + LIGHT, name)
          .hasSize(LIGHT + 1);
      resetStats();
      long[] fair = timeClaims(store, FAIR);
      double serverClaim = serverMicros("evalsha") / CLAIMS;
      resetStats();
      long[] plain = timeClaims(store, ClaimRules.NONE);
      double plainServer = serverMicros("evalsha") / CLAIMS;
      return new Figures(
          heavy + LIGHT, pct(fair, 50), pct(fair, 99), serverClaim, serverCreate,
          pct(plain, 50), plainServer);
    } finally {
      RedisTestSupport.deleteAll(jedis, prefix);
    }
  }

  /** Creates the heavy owner's backlog from four threads. */
  private static void fill(RedisTaskStore store, int heavy) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        int n = heavy / 4 + (p < heavy % 4 ? 1 : 0);
        parts.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < n; i++) {
                    store.create(pendingExport().owner("heavy").build());
                  }
                }));
      }
      for (Future<?> f : parts) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] timeClaims(RedisTaskStore store, ClaimRules rules) {
    long[] nanos = new long[CLAIMS];
    for (int i = 0; i < CLAIMS; i++) {
      long t0 = System.nanoTime();
      one(store, rules);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static Task one(RedisTaskStore store, ClaimRules rules) {
    List<Task> got = store.claim("w", TYPES, LEASE, 1, rules);
    assertThat(got).as("claimed").hasSize(1);
    return got.get(0);
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
  }

  private static void resetStats() {
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      j.configResetStat();
    }
  }

  /** The total server time, in microseconds, of one command since the last reset. */
  private static double serverMicros(String command) {
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      for (String line : j.info("commandstats").split("\r?\n")) {
        if (line.startsWith("cmdstat_" + command + ":")) {
          for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
            if (part.startsWith("usec=")) {
              return Double.parseDouble(part.substring(5));
            }
          }
        }
      }
    }
    return 0;
  }

  private record Figures(
      int queued,
      double p50,
      double p99,
      double serverClaim,
      double serverCreate,
      double plainP50,
      double plainServer) {}
}
