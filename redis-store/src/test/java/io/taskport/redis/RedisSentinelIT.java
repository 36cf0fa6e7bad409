package io.taskport.redis;

import io.taskport.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileRef;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.TaskFixtures;
import io.taskport.testkit.WorkerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * RELIABILITY.md scenario 12 (a, b, c, e) and 13 (c) on a primary, a replica and three Sentinels
 * started here: two nodes of two workers each run a few hundred tasks through a Sentinel-aware
 * client while the primary fails over, is killed, or drops its clients. Claim loops resume within
 * 10 s, no worker thread dies, every task ends COMPLETED exactly once in the store with its file
 * there; a task whose acknowledged write the failover lost is re-run, never left RUNNING.
 */
class RedisSentinelIT {
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration RESUME = Duration.ofSeconds(10);
  private static final int TASKS = 300;
  private static final long WORK_MILLIS = 40;

  private static RedisSentinels redis;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
  private final InvocationAudit audit = new InvocationAudit();
  private Thread.UncaughtExceptionHandler previousHandler;
  private String prefix;
  private Path dir;
  private Path files;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisSentinels.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void open() throws Exception {
    redis.awaitHealthy();
    prefix = RedisTestSupport.randomPrefix();
    dir = Files.createTempDirectory("taskport-redis-sentinel-it");
    files = Files.createDirectories(dir.resolve("files"));
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
  }

  @AfterEach
  void close() throws Exception {
    Collections.reverse(resources);
    for (AutoCloseable r : resources) {
      r.close();
    }
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    try (UnifiedJedis j = redis.client()) {
      RedisTestSupport.deleteAll(j, prefix);
    }
    RedisServerProcess.deleteTree(dir);
  }

  @Test
  void sentinelFailover_loadCarriesOnOnTheNewPrimary() throws Exception {
    underFault(
        "a: SENTINEL FAILOVER",
        () -> {
          try (Jedis replica = new Jedis(redis.replica())) {
            replica.scriptFlush();
            assertThat(cachedScripts(replica)).as("scripts cached on the replica").isZero();
          }
        },
        redis::failover);
    try (Jedis primary = new Jedis(redis.primary())) {
      assertThat(cachedScripts(primary)).as("scripts reloaded after NOSCRIPT").isPositive();
    }
  }

  @Test
  void primaryKilled_lostWritesAreRerunAndNothingStaysRunning() throws Exception {
    underFault("b: SIGKILL primary", () -> {}, redis::killPrimary);
  }

  /** Runs the load on two Sentinel nodes, injects the fault, and checks the verdict. */
  private void underFault(String scenario, Fault before, Fault fault) throws Exception {
    Node a = sentinelNode("A");
    Node b = sentinelNode("B");
    List<TaskId> ids = submitAndAwaitProgress(a);
    before.run();
    Instant faultAt = Instant.now();
    fault.run();
    Instant settled = Instant.now();
    awaitResumed(faultAt, settled, a, b);
    report(scenario, verify(ids, a, b));
  }

  @FunctionalInterface
  private interface Fault {
    void run() throws Exception;
  }

  @Test
  void clientKill_everyConnectionComesBackAndNoTaskRunsTwice() throws Exception {
    Node a = sentinelNode("A");
    Node b = sentinelNode("B");
    List<TaskId> ids = submitAndAwaitProgress(a);
    CompletableFuture<Optional<Task>> blocked =
        CompletableFuture.supplyAsync(
            () -> a.store.claim("blocked", Set.of("idle"), LEASE, Duration.ofSeconds(30)));
    await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients() > 0);

    Instant faultAt = Instant.now();
    long killed;
    try (Jedis j = new Jedis(redis.primary())) {
      killed = j.clientKill(new ClientKillParams().type(ClientType.NORMAL));
    }
    Instant settled = Instant.now();
    assertThat(killed).isPositive();
    assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StoreException.class);

    awaitResumed(faultAt, settled, a, b);
    CompletableFuture<Optional<Task>> again =
        CompletableFuture.supplyAsync(
            () -> {
              // an idle pooled connection the kill closed fails the call that borrows it (and is
              // dropped), as any caller's next try would see; the engine's loops retry the same way
              for (int i = 0; ; i++) {
                try {
                  return a.store.claim("blocked", Set.of("idle"), LEASE, Duration.ofSeconds(30));
                } catch (StoreException e) {
                  if (i == 20) {
                    throw e;
                  }
                }
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients() > 0);
    TaskId idle = a.store.create(TaskFixtures.pendingExport().type("idle").build()).id();
    assertThat(again.get(RESUME.toSeconds(), TimeUnit.SECONDS).map(Task::id)).contains(idle);

    Verdict v = verify(ids, a, b);
    report("c: CLIENT KILL TYPE normal", v);
    assertThat(v.reruns()).as("tasks run twice").isZero();
    assertThat(v.orphans()).as("unreferenced result files").isZero();
  }

  @Test
  void demotedNode_givesReadonlyErrorsToAClientStillPointedAtIt() throws Exception {
    Node a = sentinelNode("A");
    HostAndPort old = redis.primary();
    Node d = directNode("D", old);
    List<TaskId> ids = submitAndAwaitProgress(a);
    Instant faultAt = Instant.now();
    redis.failover();
    Instant settled = Instant.now();

    assertThatThrownBy(() -> d.store.claim("probe", Set.of(WorkerMain.TYPE), LEASE, 1).stream().findFirst())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("READONLY")
        .hasMessageContaining("connect through Sentinel");
    awaitResumed(faultAt, settled, a);
    Verdict v = verify(ids, a, d);
    report("e: client on the demoted node", v);
    assertThat(audit.invocations())
        .filteredOn(i -> i.worker().equals("D") && i.start().isAfter(settled.plusSeconds(1)))
        .as("tasks started by the node on the demoted primary")
        .isEmpty();
  }

  /**
   * With {@code waitReplicas(1, ...)}, no completion the store acknowledged is lost across repeated
   * {@code SENTINEL FAILOVER}s, whose switch window lets the old primary take writes that the
   * promoted replica never sees; a store without it runs beside, through the same failovers, for
   * comparison. Both rates are printed. {@code -Dtaskport.failovers=50} for the long form.
   */
  @Test
  void waitReplicas_keepsEveryAcknowledgedCompletionAcrossForcedFailovers() throws Exception {
    int failovers = Integer.getInteger("taskport.failovers", 5);
    Loop waiting = new Loop(prefix, true);
    Loop plain = new Loop(prefix + "-nowait", false);
    try {
      for (int i = 0; i < failovers; i++) {
        int w = waiting.acked.size();
        int p = plain.acked.size();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> waiting.acked.size() >= w + 20 && plain.acked.size() >= p + 20);
        redis.failover();
        redis.awaitHealthy();
      }
      int w = waiting.acked.size();
      await().atMost(Duration.ofSeconds(20)).until(() -> waiting.acked.size() >= w + 20);
    } finally {
      waiting.stop();
      plain.stop();
    }
    long lostWaiting = waiting.lost();
    long lostPlain = plain.lost();
    try (UnifiedJedis j = redis.client()) {
      RedisTestSupport.deleteAll(j, prefix + "-nowait");
    }
    System.out.printf(
        "scenario 12 WAIT: %d forced failovers (SENTINEL FAILOVER); with waitReplicas(1, 200ms): %d"
            + " completions acknowledged, %d lost, %d refused for want of a replica ack; without:"
            + " %d acknowledged, %d lost%n",
        failovers,
        waiting.acked.size(),
        lostWaiting,
        waiting.shortAcks.get(),
        plain.acked.size(),
        lostPlain);
    assertThat(lostWaiting).as("acknowledged completions lost with WAIT").isZero();
    assertThat(waiting.shortAcks.get() + waiting.errors.get())
        .as("faults the loop met")
        .isPositive();
  }

  /**
   * A create-claim-complete loop on its own Sentinel client, recording acknowledged completions.
   */
  private final class Loop {
    final Set<TaskId> acked = ConcurrentHashMap.newKeySet();
    final AtomicInteger shortAcks = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    private final String loopPrefix;
    private final UnifiedJedis client = redis.client();
    private final RedisTaskStore store;
    private final Thread thread;
    private final boolean wait;
    private volatile boolean stopping;

    Loop(String loopPrefix, boolean wait) {
      this.loopPrefix = loopPrefix;
      this.wait = wait;
      RedisTaskStore.Builder b = RedisTaskStore.builder(client).prefix(loopPrefix);
      if (wait) {
        b.waitReplicas(1, Duration.ofMillis(200));
      }
      store = b.build();
      thread = new Thread(this::run, "wait-loop-" + loopPrefix);
      thread.start();
    }

    private void run() {
      while (!stopping) {
        try {
          store.create(TaskFixtures.pendingExport().build());
          Optional<Task> t = store.claim("loop", Set.of("accounts"), LEASE, 1).stream().findFirst();
          if (t.isPresent()
              && store.complete(
                  t.get().fence(),
                  TaskResult.ofFile(new FileRef("t/" + t.get().id(), "a.csv", 1, "text/csv")), Progress.NONE)) {
            acked.add(t.get().id());
          }
          if (!wait) {
            // keeps the comparison loop from starving the other of the machine's two cores
            LockSupport.parkNanos(1_000_000);
          }
        } catch (StoreException e) {
          if (String.valueOf(e.getMessage()).contains("replicas acknowledged")) {
            shortAcks.incrementAndGet();
          } else {
            errors.incrementAndGet();
          }
          // back off while the primary is away: pacing, not synchronisation
          LockSupport.parkNanos(20_000_000);
        }
      }
    }

    /**
     * Counts acknowledged completions the store no longer has, read through a fresh client in
     * pipelined batches (the long form acknowledges hundreds of thousands).
     */
    long lost() {
      List<TaskId> ids = new ArrayList<>(acked);
      try (UnifiedJedis fresh = redis.client()) {
        return await()
            .atMost(Duration.ofMinutes(2))
            .ignoreExceptions()
            .until(() -> notCompleted(fresh, ids), n -> true);
      }
    }

    private long notCompleted(UnifiedJedis client, List<TaskId> ids) {
      long missing = 0;
      for (int from = 0; from < ids.size(); from += 1000) {
        List<Response<String>> statuses = new ArrayList<>();
        try (AbstractPipeline p = client.pipelined()) {
          for (TaskId id : ids.subList(from, Math.min(ids.size(), from + 1000))) {
            statuses.add(p.hget("{" + loopPrefix + "}:task:" + id, "status"));
          }
          p.sync();
        }
        missing += statuses.stream().filter(r -> !"COMPLETED".equals(r.get())).count();
      }
      return missing;
    }

    void stop() throws InterruptedException {
      stopping = true;
      thread.join(10_000);
      store.close();
      client.close();
    }
  }

  /** One application node: its own client, store, executor and manager. */
  private record Node(
      String id, RedisTaskStore store, TaskManager manager, AtomicInteger threadsMade) {}

  private Node sentinelNode(String id) {
    return node(id, redis.client());
  }

  private Node directNode(String id, HostAndPort address) {
    return node(id, RedisClient.builder().hostAndPort(address).build());
  }

  private Node node(String id, UnifiedJedis client) {
    resources.add(client);
    RedisTaskStore store = RedisTaskStore.builder(client).prefix(prefix).build();
    resources.add(store);
    AtomicInteger made = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "node-" + id + "-worker-" + made.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    resources.add(pool::shutdownNow);
    TaskManager m =
        WorkerMain.node(store, files, audit, id, LEASE, WORK_MILLIS, 5)
            .workers(2)
            .executor(pool)
            .drainTimeout(Duration.ofSeconds(2))
            .build();
    resources.add(m);
    m.start();
    return new Node(id, store, m, made);
  }

  private List<TaskId> submitAndAwaitProgress(Node via) {
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      ids.add(
          via.manager
              .submit(ExportRequest.of(WorkerMain.TYPE, "ann").format("tsv").params(Map.of("i", i)))
              .id());
    }
    // the test injects faults into transitions, not into submits: every task is on the replica
    redis.awaitReplicated();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> audit.invocations().stream().filter(i -> i.end() != null).count() >= TASKS / 5);
    return ids;
  }

  /** Each node starts a task after the fault settled, within 10 s of the fault. */
  private void awaitResumed(Instant faultAt, Instant settled, Node... nodes) {
    for (Node n : nodes) {
      await()
          .atMost(RESUME)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  audit.invocations().stream()
                      .anyMatch(i -> i.worker().equals(n.id) && i.start().isAfter(settled)));
    }
    Duration took = Duration.between(faultAt, Instant.now());
    assertThat(took).as("claim loops resumed after the fault").isLessThanOrEqualTo(RESUME);
  }

  private Verdict verify(List<TaskId> ids, Node... nodes) throws Exception {
    RedisTaskStore store = nodes[0].store;
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(
              () -> ids.stream().allMatch(id -> store.get(id).map(Task::isTerminal).orElse(false)));
    } catch (ConditionTimeoutException e) {
      Map<String, Long> open = new TreeMap<>();
      for (TaskId id : ids) {
        String state = store.get(id).map(t -> t.status().name()).orElse("MISSING");
        open.merge(state, 1L, Long::sum);
      }
      throw new AssertionError("tasks not all terminal within 60 s, by state: " + open, e);
    }
    int reruns = 0;
    int orphans = 0;
    Map<TaskId, Integer> runs = audit.countByTask();
    for (TaskId id : ids) {
      Task t = store.get(id).orElseThrow();
      assertThat(t.status()).as("status of %s", id).isEqualTo(TaskStatus.COMPLETED);
      assertThat(t.attempts().current()).isBetween(1, t.attempts().max());
      Path published = files.resolve(t.result().file().key());
      assertThat(published).as("published file of %s", id).isRegularFile();
      long finished =
          audit.invocations().stream()
              .filter(i -> i.taskId().equals(id) && i.end() != null)
              .count();
      assertThat(finished).as("finished invocations of %s", id).isPositive();
      if (runs.get(id) > 1) {
        reruns++;
      }
      try (Stream<Path> s = Files.list(files.resolve(id.value()))) {
        long count = s.count();
        if (count > 1) {
          // a completion the failover lost: the re-run published its own file
          assertThat(runs.get(id)).as("runs of %s, which has %d files", id, count).isGreaterThan(1);
          orphans += (int) (count - 1);
        }
      }
    }
    for (Node n : nodes) {
      assertThat(n.threadsMade.get())
          .as("worker threads of %s (a dead one is replaced)", n.id)
          .isEqualTo(2);
    }
    assertThat(uncaught).as("exceptions that ended a thread").isEmpty();
    return new Verdict(reruns, orphans);
  }

  private record Verdict(int reruns, int orphans) {}

  private static void report(String scenario, Verdict v) {
    System.out.printf(
        "scenario 12 %s: %d tasks COMPLETED once; %d re-run after a lost write, %d unreferenced"
            + " files%n",
        scenario, TASKS, v.reruns(), v.orphans());
  }

  private static long cachedScripts(Jedis j) {
    for (String line : j.info("memory").split("\r?\n")) {
      if (line.startsWith("number_of_cached_scripts:")) {
        return Long.parseLong(line.substring("number_of_cached_scripts:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO memory has no number_of_cached_scripts");
  }

  private static long blockedClients() {
    try (Jedis j = new Jedis(redis.primary())) {
      for (String line : j.info("clients").split("\r?\n")) {
        if (line.startsWith("blocked_clients:")) {
          return Long.parseLong(line.substring("blocked_clients:".length()).trim());
        }
      }
    }
    return 0;
  }
}
