package io.taskport.benchmarks;

import io.taskport.Progress;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Store-level throughput of {@link JdbcTaskStore}: each thread creates a batch of no-op tasks on one
 * "node" (a store with its own pool), claims as many of the oldest due tasks on the other node and
 * completes them. A batch of 1 uses the single claim, a larger one the batch claim ({@code claim(...,
 * max)}), one call per batch. Reports tasks per second and create/claim/complete latencies (claim
 * per call), with 1 and 4 threads, on PostgreSQL and MariaDB, in tables with a random prefix that
 * are dropped afterwards.
 *
 * <p>Arguments: {@code [pg|mariadb|all] [tasks per run] [thread counts, such as 1,4] [batch
 * sizes, such as 1,8]}; URLs from {@code TASKPORT_PG_URL} and {@code TASKPORT_MYSQL_URL} as in the
 * tests.
 */
public final class JdbcStoreBenchmark {
  private static final Set<String> TYPES = Set.of("noop");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private JdbcStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "all";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int[] threads =
        Arrays.stream((args.length > 2 ? args[2] : "1,4").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int[] batches =
        Arrays.stream((args.length > 3 ? args[3] : "1,8").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    if (which.equals("pg") || which.equals("all")) {
      run(
          "PostgreSQL",
          env("TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
          tasks,
          threads,
          batches);
    }
    if (which.equals("mariadb") || which.equals("all")) {
      run(
          "MariaDB",
          env("TASKPORT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root"),
          tasks,
          threads,
          batches);
    }
  }

  private static void run(String name, String url, int tasks, int[] threadCounts, int[] batches)
      throws Exception {
    String prefix =
        "bench" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 8) + "_";
    try (HikariDataSource nodeA = pool(url, "a");
        HikariDataSource nodeB = pool(url, "b")) {
      try {
        TaskStore a = JdbcTaskStore.builder(nodeA).tablePrefix(prefix).createSchema(true).build();
        TaskStore b = JdbcTaskStore.builder(nodeB).tablePrefix(prefix).build();
        TaskStore[] nodes = {a, b};
        for (int batch : batches) {
          run(name, nodes, 1, Math.min(tasks, 2_000), batch, false); // warm-up
        }
        for (int threads : threadCounts) {
          for (int batch : batches) {
            run(name, nodes, threads, tasks, batch, true);
          }
        }
      } finally {
        try (Connection c = nodeA.getConnection();
            Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_task");
        }
      }
    }
  }

  private static void run(
      String db, TaskStore[] nodes, int threads, int tasks, int batch, boolean print)
      throws Exception {
    AtomicInteger left = new AtomicInteger(tasks);
    AtomicInteger completed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[][]>> results = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int me = t;
      results.add(
          pool.submit(
              () -> {
                long[] create = new long[tasks];
                long[] claim = new long[tasks];
                long[] complete = new long[tasks];
                int n = 0;
                int k = me;
                int calls = 0;
                int m;
                while ((m = take(left, batch)) > 0) {
                  TaskStore here = nodes[k % 2];
                  TaskStore there = nodes[(k + 1) % 2];
                  k++;
                  for (int i = 0; i < m; i++) {
                    long t0 = System.nanoTime();
                    here.create(noop());
                    create[n + i] = System.nanoTime() - t0;
                  }
                  long t1 = System.nanoTime();
                  List<Task> claimed =
                      batch == 1
                          ? there.claim("w" + me, TYPES, LEASE, 1)
                          : there.claim("w" + me, TYPES, LEASE, m);
                  claim[calls++] = System.nanoTime() - t1;
                  int c = 0;
                  for (Task task : claimed) {
                    long t2 = System.nanoTime();
                    if (there.complete(task.fence(), TaskResult.ofFile(file()), Progress.NONE)) {
                      completed.incrementAndGet();
                    }
                    complete[n + c++] = System.nanoTime() - t2;
                  }
                  n += m;
                }
                return new long[][] {
                  Arrays.copyOf(create, n), Arrays.copyOf(claim, calls), Arrays.copyOf(complete, n)
                };
              }));
    }
    List<long[][]> all = new ArrayList<>();
    try {
      for (Future<long[][]> f : results) {
        all.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // a thread may find its own tasks taken by another and claim fewer: drain what is left
    for (var t = nodes[0].claim("drain", TYPES, LEASE, 1).stream().findFirst(); t.isPresent(); ) {
      nodes[0].complete(t.get().fence(), TaskResult.ofFile(file()), Progress.NONE);
      completed.incrementAndGet();
      t = nodes[0].claim("drain", TYPES, LEASE, 1).stream().findFirst();
    }
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "%-10s threads=%d claim=%-8s tasks=%d completed=%d  %,.0f tasks/s"
              + "  create p50=%.2f p99=%.2f ms  claim p50=%.2f p99=%.2f ms per call"
              + "  complete p50=%.2f p99=%.2f ms%n",
          db,
          threads,
          batch == 1 ? "single" : "batch" + batch,
          tasks,
          completed.get(),
          tasks / seconds,
          pct(all, 0, 50),
          pct(all, 0, 99),
          pct(all, 1, 50),
          pct(all, 1, 99),
          pct(all, 2, 50),
          pct(all, 2, 99));
    }
  }

  /** Takes up to {@code batch} of the tasks left; returns how many. */
  private static int take(AtomicInteger left, int batch) {
    while (true) {
      int l = left.get();
      if (l <= 0) {
        return 0;
      }
      int m = Math.min(l, batch);
      if (left.compareAndSet(l, l - m)) {
        return m;
      }
    }
  }

  private static double pct(List<long[][]> all, int which, int percentile) {
    long[] merged = all.stream().flatMapToLong(r -> Arrays.stream(r[which])).sorted().toArray();
    if (merged.length == 0) {
      return 0;
    }
    int i = (int) Math.min(merged.length - 1, Math.ceil(merged.length * percentile / 100.0) - 1);
    return merged[Math.max(0, i)] / 1e6;
  }

  private static NewTask noop() {
    return new NewTask(
        TaskId.random(),
        TaskKind.EXPORT,
        "noop",
        "bench",
        "csv",
        "{}",
        null,
        null,
        3,
        Duration.ofHours(1));
  }

  private static FileRef file() {
    return new FileRef("bench/" + TaskId.random().value(), "noop.csv", 0, "text/csv");
  }

  private static HikariDataSource pool(String url, String node) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setPoolName("bench-node-" + node);
    return new HikariDataSource(config);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
