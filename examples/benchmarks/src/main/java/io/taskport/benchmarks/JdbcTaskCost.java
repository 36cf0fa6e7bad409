package io.taskport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.store.ClaimRules;
import io.taskport.store.NewTask;
import io.taskport.store.Scheduling;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What each step of a task costs {@link JdbcTaskStore} on PostgreSQL, one step at a time on one
 * thread: submit, batch submit, claim (batches of 4, fair), heartbeat with progress, complete.
 * Prints statements, round trips and PostgreSQL CPU (the backends' own, from {@code /proc}) per
 * task for each step.
 *
 * <p>Run: {@code examples/benchmarks/bench JdbcTaskCost [tasks=5000]}; the URL comes from {@code
 * TASKPORT_PG_URL}.
 */
public final class JdbcTaskCost {
  private static final Set<String> TYPES = Set.of("noop");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final ClaimRules FAIR = new ClaimRules(true, Map.of(), Map.of(), 0, 0);

  private JdbcTaskCost() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    String url = System.getenv().getOrDefault("TASKPORT_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    String app = "bench-cost-" + UUID.randomUUID().toString().substring(0, 8);
    String prefix = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
    PgBackendCpu cpu = new PgBackendCpu(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(2);
    config.addDataSourceProperty("ApplicationName", app);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      CountingDataSource ds = new CountingDataSource(pool);
      try (JdbcTaskStore store =
          JdbcTaskStore.builder(ds).tablePrefix(prefix).createSchema(true).listen(false).build()) {
        System.out.printf(Locale.ROOT, "%-22s %12s %12s %14s %14s%n", "step", "stmts/task",
            "trips/task", "PG CPU µs/task", "wall µs/task");
        for (int round = 0; round < 2; round++) {
          boolean print = round == 1;
          List<Task> claimed = new ArrayList<>();
          step("submit", print, tasks, ds, cpu, app, () -> {
            for (int i = 0; i < tasks; i++) {
              store.create(noop(i));
            }
          });
          step("submitAll", print, tasks, ds, cpu, app, () -> {
            List<NewTask> all = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
              all.add(noop(i));
            }
            store.createAll(all);
          });
          step("claim (4 at once)", print, 2 * tasks, ds, cpu, app, () -> {
            for (List<Task> c = store.claim("w", TYPES, LEASE, 4, FAIR); !c.isEmpty();
                c = store.claim("w", TYPES, LEASE, 4, FAIR)) {
              claimed.addAll(c);
            }
          });
          step("heartbeat+progress", print, claimed.size(), ds, cpu, app, () -> {
            for (Task t : claimed) {
              store.heartbeat(t.fence(), new Progress(1, 2, null), null, LEASE);
            }
          });
          step("complete", print, claimed.size(), ds, cpu, app, () -> {
            for (Task t : claimed) {
              store.complete(t.fence(), TaskResult.ofFile(file()), Progress.NONE);
            }
          });
        }
      } finally {
        try (Connection c = pool.getConnection();
            Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_task");
          st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_gate");
        }
      }
    }
  }

  interface Step {
    void run() throws Exception;
  }

  private static void step(String name, boolean print, int tasks, CountingDataSource ds,
      PgBackendCpu cpu, String app, Step step) throws Exception {
    long[] before = ds.snapshot();
    Map<Integer, Long> cpuBefore = cpu.read(app);
    long t0 = System.nanoTime();
    step.run();
    long wall = System.nanoTime() - t0;
    long spent = PgBackendCpu.between(cpuBefore, cpu.read(app));
    long[] after = ds.snapshot();
    if (print) {
      System.out.printf(Locale.ROOT, "%-22s %12.2f %12.2f %14.0f %14.0f%n", name,
          (after[0] - before[0]) / (double) tasks, (after[1] - before[1]) / (double) tasks,
          spent / 1e3 / tasks, wall / 1e3 / tasks);
    }
  }

  private static NewTask noop(int i) {
    return new NewTask(TaskId.random(), TaskKind.EXPORT, "noop", "user" + (i % 10), "csv", "{}",
        null, null, 3, Duration.ofHours(1), null, false, Scheduling.DEFAULT);
  }

  private static FileRef file() {
    return new FileRef("bench/" + TaskId.random().value(), "noop.csv", 0, "text/csv");
  }
}
