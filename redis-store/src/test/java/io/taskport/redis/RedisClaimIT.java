package io.taskport.redis;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import io.taskport.store.ClaimRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;

import redis.clients.jedis.RedisClient;

/** Batch claims across types and nodes, and waiting for work on the wake-up lists. */
class RedisClaimIT {
  private static final Set<String> TYPES = Set.of("accounts");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private RedisClient jedis;
  private String prefix;
  private RedisTaskStore store;

  @BeforeEach
  void open() {
    jedis = RedisTestSupport.connect();
    prefix = RedisTestSupport.randomPrefix();
    store = RedisTaskStore.builder(jedis).prefix(prefix).build();
  }

  @AfterEach
  void close() {
    RedisTestSupport.closeAndClean(store, jedis, prefix);
  }

  @Test
  void claimBatch_takesTheOldestFirstAcrossTypes() {
    List<TaskId> created = new ArrayList<>();
    for (String type : List.of("accounts", "orders", "accounts", "orders")) {
      created.add(store.create(pendingExport().type(type).build()).id());
      nextServerMillisecond();
    }
    Set<String> both = Set.of("accounts", "orders");
    assertThat(store.claim("w1", both, LEASE, 3))
        .extracting(Task::id)
        .containsExactlyElementsOf(created.subList(0, 3));
    assertThat(store.claim("w2", both, LEASE, 3))
        .extracting(Task::id)
        .containsExactly(created.get(3));
  }

  /**
   * Plain rank order with a per-owner RUNNING limit: the claim passes over 30 queued tasks of an
   * owner at its limit, more than one reply's hints, to reach another owner's task behind them.
   */
  @Test
  void claim_passesOverALongBacklogOfAnOwnerAtItsRunningLimit() {
    for (int i = 0; i < 30; i++) {
      store.create(pendingExport().owner("heavy").build());
    }
    nextServerMillisecond();
    TaskId light = store.create(pendingExport().owner("light").build()).id();
    ClaimRules oneEach = new ClaimRules(false, Map.of(), Map.of(), 1, 0);
    List<Task> first = store.claim("w1", TYPES, LEASE, 2, oneEach);
    assertThat(first).extracting(Task::owner).containsExactly("heavy", "light");
    assertThat(first.get(1).id()).isEqualTo(light);
    assertThat(store.claim("w2", TYPES, LEASE, 2, oneEach)).isEmpty();
  }

  @Test
  void claimBatch_takesMoreThanTheHintsItHolds() {
    Set<TaskId> created = new HashSet<>();
    for (int i = 0; i < 3 * Claimer.HEADS; i++) {
      created.add(store.create(pendingExport().build()).id());
    }
    Set<TaskId> claimed = new HashSet<>();
    store.claim("w1", TYPES, LEASE, 2).forEach(t -> claimed.add(t.id()));
    List<Task> big = store.claim("w1", TYPES, LEASE, 3 * Claimer.HEADS);
    big.forEach(t -> claimed.add(t.id()));
    assertThat(big).hasSize(3 * Claimer.HEADS - 2);
    assertThat(claimed).isEqualTo(created);
  }

  @Test
  void claimBatch_fromTwoNodesNeverHandsOutATaskTwice() throws Exception {
    Set<TaskId> created = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      created.add(store.create(pendingExport().build()).id());
    }
    Set<TaskId> claimed = ConcurrentHashMap.newKeySet();
    List<TaskId> twice = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (RedisClient other = RedisTestSupport.connect();
        RedisTaskStore node2 = RedisTaskStore.builder(other).prefix(prefix).build()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        RedisTaskStore s = w % 2 == 0 ? store : node2;
        String worker = "w" + w;
        workers.add(
            pool.submit(
                () -> {
                  for (List<Task> batch = s.claim(worker, TYPES, LEASE, 5);
                      !batch.isEmpty();
                      batch = s.claim(worker, TYPES, LEASE, 5)) {
                    for (Task t : batch) {
                      if (!claimed.add(t.id())) {
                        twice.add(t.id());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(twice).isEmpty();
    assertThat(claimed).isEqualTo(created);
  }

  @Test
  void claimBatch_failsACorruptTaskAndReturnsTheOthers() {
    TaskId first = store.create(pendingExport().build()).id();
    nextServerMillisecond();
    TaskId broken = store.create(pendingExport().build()).id();
    nextServerMillisecond();
    TaskId last = store.create(pendingExport().build()).id();
    jedis.hset(taskKey(broken), "kind", "SIDEWAYS");
    assertThat(store.claim("w1", TYPES, LEASE, 3))
        .extracting(Task::id)
        .containsExactly(first, last);
    assertThat(jedis.hget(taskKey(broken), "status")).isEqualTo("FAILED");
  }

  @Test
  void awaitWork_returnsAtOnceWhenATaskIsDueAlready() throws Exception {
    store.create(pendingExport().build());
    jedis.del(wakeKey()); // no token: only the due task may end the wait
    long start = System.nanoTime();
    assertThat(store.awaitWork(TYPES, Duration.ofSeconds(20))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  /**
   * A type at its start rate is not claimable until its window ends, so an idle claimer waits
   * rather than returning at once and spinning (the window is an hour, aligned to Redis's clock:
   * it ends within the wait only once in 10,000 runs).
   */
  @Test
  void awaitWork_waitsWhileTheOnlyQueuedTypeIsAtItsStartRate() throws Exception {
    store.create(pendingExport().build());
    store.create(pendingExport().build());
    ClaimRules onePerHour =
        new ClaimRules(
            false, Map.of(), Map.of("accounts", new ClaimRules.Rate(1, Duration.ofHours(1))), 0, 0);
    assertThat(store.claim("w1", TYPES, LEASE, 2, onePerHour)).hasSize(1);
    assertThat(store.claim("w1", TYPES, LEASE, 2, onePerHour)).isEmpty();
    jedis.del(wakeKey());
    long start = System.nanoTime();
    store.awaitWork(TYPES, Duration.ofMillis(400));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
  }

  @Test
  void awaitWork_endsWhenADelayedRetryIsDueByRedisTime() throws Exception {
    store.create(pendingExport().build());
    Task t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
    store.fail(t.fence(), TaskError.of("X", "x"), Duration.ofMillis(700));
    jedis.del(wakeKey()); // the retry's token: only its due time may end the wait
    long start = System.nanoTime();
    store.awaitWork(TYPES, Duration.ofSeconds(20));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
    assertThat(store.claim("w1", TYPES, LEASE, 1).stream().findFirst()).map(Task::id).contains(t.id());
  }

  @Test
  void awaitWork_endsWhenAnotherNodeCreatesATask() throws Exception {
    try (RedisClient other = RedisTestSupport.connect();
        RedisTaskStore node2 = RedisTaskStore.builder(other).prefix(prefix).build()) {
      long blocked = blockedClients();
      CompletableFuture<Boolean> waiter =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return store.awaitWork(TYPES, Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients() > blocked);
      assertThat(waiter).isNotDone();
      long start = System.nanoTime();
      TaskId id = node2.create(pendingExport().build()).id();
      assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(store.claim("w1", TYPES, LEASE, 1).stream().findFirst()).map(Task::id).contains(id);
    }
  }

  @Test
  void awaitWork_returnsAfterMaxWait() throws Exception {
    long start = System.nanoTime();
    assertThat(store.awaitWork(TYPES, Duration.ofMillis(300))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
  }

  @Test
  void awaitWork_throwsWhenInterruptedAndClearsTheFlag() {
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> store.awaitWork(TYPES, Duration.ofSeconds(20)))
        .isInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void awaitWork_endsSoonAfterAnInterrupt() throws Exception {
    long blocked = blockedClients();
    CompletableFuture<Thread> waiting = new CompletableFuture<>();
    CompletableFuture<Throwable> ended =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.complete(Thread.currentThread());
              try {
                store.awaitWork(TYPES, Duration.ofSeconds(20));
                return null;
              } catch (InterruptedException e) {
                return e;
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients() > blocked);
    long start = System.nanoTime();
    waiting.get().interrupt();
    assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void claimWithWait_wakesWhenATaskIsCreated() throws Exception {
    long blocked = blockedClients();
    CompletableFuture<Optional<Task>> waiter =
        CompletableFuture.supplyAsync(
            () -> store.claim("w1", TYPES, LEASE, Duration.ofSeconds(20)));
    await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients() > blocked);
    assertThat(waiter).isNotDone();
    long start = System.nanoTime();
    TaskId id = store.create(pendingExport().build()).id();
    Optional<Task> t = waiter.get(5, TimeUnit.SECONDS);
    assertThat(t.map(Task::id)).contains(id);
    assertThat(t.get().status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void claimWithWait_takesADelayedRetryAtItsDueTime() {
    store.create(pendingExport().build());
    Task t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
    store.fail(t.fence(), TaskError.of("X", "x"), Duration.ofMillis(700));
    long start = System.nanoTime();
    Optional<Task> again = store.claim("w1", TYPES, LEASE, Duration.ofSeconds(10));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(again).isPresent();
    assertThat(again.get().attempts().current()).isEqualTo(2);
    assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(3));
  }

  @Test
  void claimWithWait_returnsEmptyAfterMaxWait() {
    long start = System.nanoTime();
    assertThat(store.claim("w1", TYPES, LEASE, Duration.ofMillis(300))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void readmePoolSnippet_buildsAStoreThatWaits() throws Exception {
    java.net.URI uri = RedisTestSupport.uri();
    // as in README.md, "Operating Redis for Taskport"
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16); // 8 workers + poller + events + 6 for submits, reads and housekeeping
    RedisClient client =
        RedisClient.builder().hostAndPort(uri.getHost(), port(uri)).poolConfig(pool).build();
    try (client;
        RedisTaskStore store = RedisTaskStore.builder(client).prefix(prefix).build()) {
      assertThat(client.getPool().getMaxTotal()).isEqualTo(16);
      assertThat(store.awaitWork(TYPES, Duration.ofMillis(50))).isTrue();
    }
  }

  private static int port(java.net.URI uri) {
    return uri.getPort() < 0 ? 6379 : uri.getPort();
  }

  private String taskKey(TaskId id) {
    return "{" + prefix + "}:task:" + id;
  }

  private String wakeKey() {
    return "{" + prefix + "}:wake:accounts";
  }

  /** Clients blocked in BLPOP and the like, on the whole server. */
  private long blockedClients() {
    for (String line : jedis.info("clients").split("\r?\n")) {
      if (line.startsWith("blocked_clients:")) {
        return Long.parseLong(line.substring("blocked_clients:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO clients has no blocked_clients");
  }

  /** Waits until Redis's clock shows a later millisecond, so the next task is due later. */
  private void nextServerMillisecond() {
    long now = RedisTestSupport.serverMillis(jedis, prefix);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(1))
        .until(() -> RedisTestSupport.serverMillis(jedis, prefix) > now);
  }
}
