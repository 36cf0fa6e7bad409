package io.taskport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.store.TaskStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fair claiming, end to end through {@link TaskManager}: one owner submits {@code heavy} exports
 * of {@code taskMillis} each, then 20 other owners submit one export each, on 2 nodes of 4 workers
 * sharing one PostgreSQL. Reports the light owners' queue wait (created to started, by the
 * database's clock) as median and p99, and the throughput of the whole run, with fair claiming on
 * and off, in interleaved rounds.
 *
 * <p>Arguments: {@code [heavy tasks, 1000] [task millis, 200] [rounds, 1]}; the URL from {@code
 * TASKPORT_PG_URL}.
 */
public final class FairnessBenchmark {
  private static final int NODES = 2;
  private static final int WORKERS = 4;
  private static final int LIGHT = 20;

  private FairnessBenchmark() {}

  public static void main(String[] args) throws Exception {
    int heavy = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int taskMillis = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String url = System.getenv().getOrDefault(
        "TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    for (int r = 0; r < rounds; r++) {
      for (boolean fair : new boolean[] {true, false}) {
        run(url, fair, heavy, taskMillis);
      }
    }
  }

  private static void run(String url, boolean fair, int heavy, int taskMillis) throws Exception {
    String prefix = "fair" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 8) + "_";
    Path dir = Files.createTempDirectory("taskport-fairness");
    List<HikariDataSource> pools = new ArrayList<>();
    List<TaskManager> nodes = new ArrayList<>();
    try {
      for (int n = 0; n < NODES; n++) {
        HikariDataSource pool = pool(url, "n" + n);
        pools.add(pool);
        TaskStore store =
            JdbcTaskStore.builder(pool).tablePrefix(prefix).createSchema(n == 0).build();
        TaskManager m =
            TaskManager.builder()
                .store(store)
                .files(new LocalFileStore(dir))
                .workers(WORKERS)
                .fairClaiming(fair)
                .export(sleeping(taskMillis))
                .build();
        nodes.add(m);
      }
      TaskManager submitter = nodes.get(0);
      List<TaskId> ids = new ArrayList<>();
      for (int i = 0; i < heavy; i++) {
        ids.add(submitter.submit(request("heavy")).id());
      }
      nodes.forEach(TaskManager::start);
      // the light owners come once the heavy backlog is running
      awaitStarted(submitter, "heavy", WORKERS * NODES);
      List<TaskId> light = new ArrayList<>();
      for (int i = 0; i < LIGHT; i++) {
        light.add(submitter.submit(request("light" + i)).id());
      }
      ids.addAll(light);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
      List<Task> done = new ArrayList<>();
      for (TaskId id : ids) {
        String owner = light.contains(id) ? "light" + light.indexOf(id) : "heavy";
        Task t = submitter.get(id, owner);
        while (t.status() != TaskStatus.COMPLETED) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("task " + id + " did not complete: " + t.status());
          }
          TimeUnit.MILLISECONDS.sleep(50);
          t = submitter.get(id, owner);
        }
        done.add(t);
      }
      long[] waits =
          done.stream()
              .filter(t -> !t.owner().equals("heavy"))
              .mapToLong(t -> Duration.between(t.createdAt(), t.startedAt()).toMillis())
              .sorted()
              .toArray();
      long first = done.stream().mapToLong(t -> t.createdAt().toEpochMilli()).min().orElseThrow();
      long firstStart =
          done.stream().mapToLong(t -> t.startedAt().toEpochMilli()).min().orElseThrow();
      long last = done.stream().mapToLong(t -> t.finishedAt().toEpochMilli()).max().orElseThrow();
      double seconds = (last - firstStart) / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "PostgreSQL fair=%-5s nodes=%dx%d heavy=%d light=%d task=%dms  light wait p50=%d ms"
              + " p99=%d ms (%.2f / %.2f task durations)  throughput %.2f tasks/s over %.1f s"
              + " (first submit to last finish %.1f s)%n",
          fair,
          NODES,
          WORKERS,
          heavy,
          LIGHT,
          taskMillis,
          pct(waits, 50),
          pct(waits, 99),
          pct(waits, 50) / (double) taskMillis,
          pct(waits, 99) / (double) taskMillis,
          done.size() / seconds,
          seconds,
          (last - first) / 1000.0);
    } finally {
      nodes.forEach(TaskManager::close);
      try (Connection c = pools.get(0).getConnection();
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_task");
        st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_gate");
      }
      pools.forEach(HikariDataSource::close);
    }
  }

  private static void awaitStarted(TaskManager m, String owner, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (m.list(io.taskport.TaskQuery.of(owner).status(TaskStatus.RUNNING)).items().size() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the heavy owner's tasks did not start");
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private static ExportRequest request(String owner) {
    return ExportRequest.of("sleep", owner).allowDuplicates();
  }

  /** An export that takes {@code millis} of a worker and writes no rows. */
  private static ExportHandler<Void, String> sleeping(int millis) {
    return ExportHandler.of(
        "sleep",
        Void.class,
        p -> List.of(Column.text("x", s -> s)),
        (ctx, out) -> TimeUnit.MILLISECONDS.sleep(millis));
  }

  private static long pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100.0) - 1);
    return sorted[Math.max(0, i)];
  }

  private static HikariDataSource pool(String url, String node) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setPoolName("fairness-" + node);
    return new HikariDataSource(config);
  }
}
