package io.taskport.redis;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.Progress;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileRef;
import io.taskport.store.Heartbeat;
import io.taskport.store.NewTask;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.WorkerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Redis-specific behaviour beyond the contract: scripts, bad data, events, slots, TTLs. */
@SuppressWarnings("deprecation") // JedisCluster: the cluster client most users have today
class RedisTaskStoreFaultsIT {
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
  void transitions_surviveAScriptFlushBetweenThem() {
    TaskId id = store.create(pendingExport().build()).id();
    jedis.scriptFlush();
    Task t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
    jedis.scriptFlush();
    assertThat(store.heartbeat(t.fence(), Progress.of(1, 2), null, LEASE)).isEqualTo(Heartbeat.ALIVE);
    jedis.scriptFlush();
    assertThat(store.complete(t.fence(), result(), Progress.NONE)).isTrue();
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void scriptFlush_underLoad_everyTransitionReloadsItsScriptAndNoTaskFails() throws Exception {
    Path dir = Files.createTempDirectory("taskport-redis-flush");
    InvocationAudit audit = new InvocationAudit();
    List<TaskId> ids = new ArrayList<>();
    int flushes = 0;
    try (RedisClient other = RedisTestSupport.connect();
        RedisTaskStore storeB = RedisTaskStore.builder(other).prefix(prefix).build();
        TaskManager a = loadNode(store, dir, audit, "A");
        TaskManager b = loadNode(storeB, dir, audit, "B")) {
      a.start();
      b.start();
      AtomicInteger flushed = new AtomicInteger();
      for (int i = 0; i < 200; i++) {
        ids.add(
            a.submit(ExportRequest.of(WorkerMain.TYPE, "ann").format("tsv").params(Map.of("i", i)))
                .id());
        if (i % 10 == 9) { // the first tasks run while the later ones are submitted
          jedis.scriptFlush();
          flushed.incrementAndGet();
        }
      }
      // every poll flushes the script cache again, until every task has finished
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                jedis.scriptFlush();
                flushed.incrementAndGet();
                return ids.stream()
                    .allMatch(id -> store.get(id).map(Task::isTerminal).orElse(false));
              });
      flushes = flushed.get();
    } finally {
      RedisServerProcess.deleteTree(dir);
    }
    for (TaskId id : ids) {
      Task t = store.get(id).orElseThrow();
      assertThat(t.status()).as("status of %s", id).isEqualTo(TaskStatus.COMPLETED);
      assertThat(t.attempts().current()).as("attempt of %s", id).isEqualTo(1);
    }
    assertThat(audit.countByTask().values()).as("invocations per task").allMatch(n -> n == 1);
    assertThat(flushes).as("script flushes while tasks ran").isGreaterThan(10);
  }

  @Test
  void waitReplicas_withTooFewReplicas_failsATerminalWriteItApplied() {
    assertThatThrownBy(() -> RedisTaskStore.builder(jedis).waitReplicas(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
    try (RedisTaskStore waiting =
        RedisTaskStore.builder(jedis).prefix(prefix).waitReplicas(99, Duration.ofMillis(50)).build()) {
      NewTask n = pendingExport().build();
      assertThatThrownBy(() -> waiting.create(n))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("of 99 replicas acknowledged it within 50 ms");
      TaskId id = n.id();
      assertThat(waiting.get(id)).as("applied on the primary all the same").isPresent();
      Task t = waiting.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
      jedis.scriptFlush();
      TaskResult r = result();
      assertThatThrownBy(() -> waiting.complete(t.fence(), r, Progress.NONE))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("of 99 replicas acknowledged it within 50 ms");
      assertThat(waiting.get(id).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(waiting.complete(t.fence(), r, Progress.NONE)).as("a retry that changes nothing").isFalse();
    }
  }

  private static TaskManager loadNode(
      RedisTaskStore s, Path dir, InvocationAudit audit, String id) {
    return WorkerMain.node(s, dir, audit, id, Duration.ofSeconds(5), 20, 5).workers(2).build();
  }

  @Test
  void get_namesTheKeyOfAForeignValue() {
    TaskId id = TaskId.random();
    String key = "{" + prefix + "}:task:" + id;
    jedis.set(key, "garbage");
    assertThatThrownBy(() -> store.get(id))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(key);
    jedis.del(key);
    jedis.hset(key, "status", "MAYBE");
    assertThatThrownBy(() -> store.get(id))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(key);
  }

  @Test
  void claim_skipsOrFailsCorruptTasksAndGoesOn() {
    TaskId foreign = store.create(pendingExport().build()).id();
    TaskId broken = store.create(pendingExport().build()).id();
    TaskId good = store.create(pendingExport().build()).id();
    jedis.del("{" + prefix + "}:task:" + foreign);
    jedis.set("{" + prefix + "}:task:" + foreign, "not a hash");
    jedis.hset("{" + prefix + "}:task:" + broken, "kind", "SIDEWAYS");

    Set<TaskId> claimed = new HashSet<>();
    for (Optional<Task> t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst();
        t.isPresent();
        t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst()) {
      claimed.add(t.get().id());
    }
    assertThat(claimed).containsExactly(good);
    assertThat(jedis.hget("{" + prefix + "}:task:" + broken, "status")).isEqualTo("FAILED");
    assertThat(jedis.get("{" + prefix + "}:task:" + foreign)).isEqualTo("not a hash");
  }

  @Test
  void subscribe_receivesTransitionsMadeByAnotherStoreInstance() {
    List<TaskEvent> events = new CopyOnWriteArrayList<>();
    try (RedisClient other = RedisTestSupport.connect();
        RedisTaskStore node2 = RedisTaskStore.builder(other).prefix(prefix).build()) {
      EventSubscription sub = (EventSubscription) store.subscribe(events::add).orElseThrow();
      await().atMost(Duration.ofSeconds(5)).until(sub::isSubscribed);
      Task created = node2.create(pendingExport().build()).task();
      Task t = node2.claim("w2", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
      node2.heartbeat(t.fence(), new Progress(3, 10, "rows"), null, LEASE);
      node2.complete(t.fence(), result(), Progress.NONE);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> events.stream().anyMatch(e -> e.status() == TaskStatus.COMPLETED));
      assertThat(events)
          .extracting(TaskEvent::status)
          .containsExactly(
              TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.RUNNING, TaskStatus.COMPLETED);
      TaskEvent progress = events.get(2);
      assertThat(progress.taskId()).isEqualTo(created.id());
      assertThat(progress.owner()).isEqualTo("ann");
      assertThat(progress.type()).isEqualTo("accounts");
      assertThat(progress.progress()).isEqualTo(new Progress(3, 10, "rows"));
      assertThat(events.get(0).at()).isEqualTo(created.createdAt());
      sub.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> !sub.isSubscribed());
    }
  }

  @Test
  void everyKeyTheStoreWrites_hashesToTheSlotOfItsTag() {
    store.create(pendingExport().dedupKey("k").build());
    store.create(pendingExport().type("orders").owner("bob").build());
    Task t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
    store.heartbeat(t.fence(), Progress.of(1, 1), "c", LEASE);
    store.fail(t.fence(), TaskError.of("X", "x"), Duration.ZERO);
    Task again = store.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
    store.complete(again.fence(), result(), Progress.NONE);
    store.claim("w1", Set.of("orders"), Duration.ofMillis(1), 1).stream().findFirst().orElseThrow();
    store.recoverExpiredLeases(10);
    store.list(io.taskport.TaskQuery.of("ann"));

    int slot = JedisClusterCRC16.getSlot("{" + prefix + "}");
    ScanParams p = new ScanParams().match("*" + prefix + "*").count(1000);
    Set<String> found = new HashSet<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      var r = jedis.scan(cursor, p);
      found.addAll(r.getResult());
      cursor = r.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    assertThat(found).as("keys %s", found).hasSizeGreaterThanOrEqualTo(7);
    assertThat(found).allSatisfy(k -> assertThat(k).startsWith("{" + prefix + "}:"));
    assertThat(found).allSatisfy(k -> assertThat(JedisClusterCRC16.getSlot(k)).isEqualTo(slot));
  }

  @Test
  void checkServer_readsTheEvictionPolicy() {
    assertThat(ServerCheck.run(jedis, store.keys())).isNotBlank();
  }

  @Test
  void list_dropsIndexEntriesOfVanishedTasks() {
    TaskId kept = store.create(pendingExport().build()).id();
    TaskId gone = store.create(pendingExport().build()).id();
    jedis.del("{" + prefix + "}:task:" + gone);
    assertThat(store.list(io.taskport.TaskQuery.of("ann")).items())
        .extracting(Task::id)
        .containsExactly(kept);
    assertThat(jedis.zrange("{" + prefix + "}:owner:ann", 0, -1)).containsExactly(kept.value());
  }

  @Test
  void finishedTasks_carryAKeyTtlAsABackstop() {
    store.create(pendingExport().retention(Duration.ofHours(1)).build());
    Task t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
    assertThat(jedis.pttl("{" + prefix + "}:task:" + t.id())).isEqualTo(-1L);
    store.complete(t.fence(), result(), Progress.NONE);
    assertThat(jedis.pttl("{" + prefix + "}:task:" + t.id()))
        .isBetween(Duration.ofHours(25).toMillis() - 60_000, Duration.ofHours(25).toMillis());
  }

  private static TaskResult result() {
    return TaskResult.ofFile(new FileRef("t/" + TaskId.random(), "a.csv", 1, "text/csv"));
  }
}
