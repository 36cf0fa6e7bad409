package io.taskport.benchmarks;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import io.taskport.redis.RedisTaskStore;
import io.taskport.store.NewTask;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Store-level throughput of {@link RedisTaskStore} on a local Redis: create (submit) latency, and
 * claim + complete throughput with 1 and 4 threads, on one store instance and on two (two nodes),
 * claiming one task per call and a batch per call. Uses a random key prefix and deletes its keys
 * at the end.
 *
 * <p>Arguments: {@code [tasks]} (default 20000). Redis: {@code TASKPORT_REDIS_URL}, default
 * {@code redis://127.0.0.1:6379}.
 */
@SuppressWarnings("deprecation") // JedisPooled with a pool config
public final class RedisStoreBenchmark {
  private static final Set<String> TYPES = Set.of("bench");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final TaskResult RESULT =
      TaskResult.ofFile(new FileRef("bench/result", "bench.csv", 100, "text/csv"));

  private RedisStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    String url = System.getenv().getOrDefault("TASKPORT_REDIS_URL", "redis://127.0.0.1:6379");
    String prefix = "tp-bench-" + UUID.randomUUID().toString().substring(0, 8);
    try (JedisPooled jedis = pooled(url);
        JedisPooled jedis2 = pooled(url);
        RedisTaskStore store = RedisTaskStore.builder(jedis).prefix(prefix).build();
        RedisTaskStore node2 = RedisTaskStore.builder(jedis2).prefix(prefix).build()) {
      try {
        System.out.printf(Locale.ROOT, "RedisStoreBenchmark: %d tasks, %s, %d CPUs%n",
            tasks, url, Runtime.getRuntime().availableProcessors());
        createAll(store, 2_000);
        drain(List.of(store), 1, 1, false); // warm-up
        createLatency(store, tasks); // leaves the tasks the first claims take
        throughput("claim only, 1 thread, 1 node", List.of(store), 1, 1, false, tasks);
        createAll(store, tasks);
        throughput("claim only, 1 thread, 1 node", List.of(store), 1, 16, false, tasks);
        for (int batch : new int[] {1, 4}) {
          createAll(store, tasks);
          throughput("claim+complete, 1 thread, 1 node", List.of(store), 1, batch, true, tasks);
          createAll(store, tasks);
          throughput("claim+complete, 4 threads, 1 node", List.of(store), 4, batch, true, tasks);
          createAll(store, tasks);
          throughput(
              "claim+complete, 4 threads, 2 nodes", List.of(store, node2), 4, batch, true, tasks);
        }
        endToEnd("create+claim+complete, 4 threads, 2 nodes", List.of(store, node2), 4, tasks);
      } finally {
        System.out.printf("deleted %d keys under {%s}%n", deleteAll(jedis, prefix), prefix);
      }
    }
  }

  private static JedisPooled pooled(String url) {
    URI uri = URI.create(url);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxIdle(16);
    return new JedisPooled(pool, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  private static NewTask newTask() {
    return new NewTask(
        TaskId.random(), TaskKind.EXPORT, "bench", "owner-" + (System.nanoTime() & 63), "csv",
        "{}", null, null, 3, Duration.ofHours(1));
  }

  private static void createAll(RedisTaskStore store, int n) {
    for (int i = 0; i < n; i++) {
      store.create(newTask());
    }
  }

  private static void createLatency(RedisTaskStore store, int n) {
    long[] nanos = new long[n];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      store.create(newTask());
      nanos[i] = System.nanoTime() - t0;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT,
        "create, 1 thread: %d in %.2f s = %.0f/s; latency median %.3f ms, p99 %.3f ms, max %.3f ms%n",
        n, seconds, n / seconds, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6,
        nanos[n - 1] / 1e6);
  }

  private static void throughput(
      String name, List<RedisTaskStore> stores, int threads, int batch, boolean complete, int n)
      throws Exception {
    long start = System.nanoTime();
    int done = drain(stores, threads, batch, complete);
    double seconds = (System.nanoTime() - start) / 1e9;
    String per = batch == 1 ? "1 per claim" : "up to " + batch + " per claim";
    System.out.printf(Locale.ROOT, "%s, %s: %d in %.2f s = %.0f tasks/s%n",
        name, per, done, seconds, done / seconds);
    if (done != n) {
      throw new IllegalStateException(name + ": expected " + n + " tasks, handled " + done);
    }
  }

  /**
   * Claims ({@code batch} per call, through the single claim when 1) and, if asked, completes until
   * no task is due; returns how many were claimed.
   */
  private static int drain(List<RedisTaskStore> stores, int threads, int batch, boolean complete)
      throws Exception {
    AtomicInteger done = new AtomicInteger();
    run(threads, i -> {
      RedisTaskStore s = stores.get(i % stores.size());
      String worker = "w" + i;
      for (List<Task> ts = claim(s, worker, batch); !ts.isEmpty(); ts = claim(s, worker, batch)) {
        for (Task t : ts) {
          if (complete && !s.complete(t.fence(), RESULT, Progress.NONE)) {
            throw new IllegalStateException("complete refused for " + t.id());
          }
        }
        done.addAndGet(ts.size());
      }
    });
    return done.get();
  }

  private static List<Task> claim(RedisTaskStore s, String worker, int batch) {
    return batch == 1
        ? s.claim(worker, TYPES, LEASE, 1)
        : s.claim(worker, TYPES, LEASE, batch);
  }

  private static void endToEnd(String name, List<RedisTaskStore> stores, int threads, int n)
      throws Exception {
    AtomicInteger left = new AtomicInteger(n);
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    run(threads, i -> {
      RedisTaskStore s = stores.get(i % stores.size());
      // another thread may take the task this one created: count completions, not loops
      while (done.get() < n) {
        if (left.getAndDecrement() > 0) {
          s.create(newTask());
        }
        Optional<Task> t = s.claim("w" + i, TYPES, LEASE, 1).stream().findFirst();
        if (t.isPresent() && s.complete(t.get().fence(), RESULT, Progress.NONE)) {
          done.incrementAndGet();
        }
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%s: %d in %.2f s = %.0f tasks/s%n",
        name, done.get(), seconds, done.get() / seconds);
  }

  private interface Body {
    void run(int thread) throws Exception;
  }

  private static void run(int threads, Body body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int id = i;
        fs.add(pool.submit(() -> {
          body.run(id);
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long deleteAll(JedisPooled jedis, String prefix) {
    long deleted = 0;
    ScanParams params = new ScanParams().match("{" + prefix + "}:*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> r = jedis.scan(cursor, params);
      if (!r.getResult().isEmpty()) {
        deleted += jedis.del(r.getResult().toArray(new String[0]));
      }
      cursor = r.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return deleted;
  }
}
