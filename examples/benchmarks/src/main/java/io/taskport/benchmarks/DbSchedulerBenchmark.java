package io.taskport.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.ExportRequest;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.excel.CsvFormat;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.jdbc.JdbcTaskStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Taskport's JDBC store against db-scheduler (16.7.1, lock-and-fetch polling) on the same
 * PostgreSQL: one node, 4 workers, a HikariCP pool of 8 each, no-op tasks, three scenarios in
 * interleaved rounds. End to end: one submit per task while the workers run. Drained: the queue is
 * filled first, then the workers start; timed until all are done. Batch: {@code submitAll} against
 * {@code scheduleBatch}, the submit alone.
 *
 * <p>Beside tasks per second it reports the submit p50 (end to end), the PostgreSQL CPU per task
 * (user and system time of the run's own backends, read from {@code /proc}; the server must run
 * on this machine), this JVM's CPU per task (both schedulers run in it, one at a time) and the
 * statements and round trips per task, counted at the JDBC calls. Taskport
 * claims fairly (round-robin by owner; ten owners). Each run has its own tables, dropped after.
 *
 * <p>Run: {@code examples/benchmarks/bench DbSchedulerBenchmark [tasks=20000] [rounds=3]}; the URL
 * comes from {@code TASKPORT_PG_URL}.
 */
public final class DbSchedulerBenchmark {
  private static final int WORKERS = 4;
  private static final int POOL = 8;
  private static final int OWNERS = 10;
  private static final Duration POLL = Duration.ofMillis(20);

  enum Scenario {
    END_TO_END("end to end"),
    DRAINED("drained"),
    BATCH("batch submit");

    final String label;

    Scenario(String label) {
      this.label = label;
    }
  }

  /** One run's figures. */
  record Result(double perSecond, double submitP50Micros, double cpuMicros, double jvmMicros,
      double statements, double roundTrips) {}

  private final String url;
  private final PgBackendCpu cpu;

  private DbSchedulerBenchmark(String url) {
    this.url = url;
    this.cpu = new PgBackendCpu(url);
  }

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String url = System.getenv().getOrDefault("TASKPORT_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    new DbSchedulerBenchmark(url).run(tasks, rounds);
  }

  private void run(int tasks, int rounds) throws Exception {
    for (Scenario s : Scenario.values()) { // warm-up, not reported
      dbScheduler(s, Math.min(tasks, 2_000));
      taskport(s, Math.min(tasks, 2_000));
    }
    Map<Scenario, List<Result>> dbs = new EnumMap<>(Scenario.class);
    Map<Scenario, List<Result>> tp = new EnumMap<>(Scenario.class);
    for (int r = 0; r < rounds; r++) {
      for (Scenario s : Scenario.values()) {
        // alternate who goes first, so neither always meets a freshly vacuumed database
        if (r % 2 == 0) {
          dbs.computeIfAbsent(s, k -> new ArrayList<>()).add(dbScheduler(s, tasks));
          tp.computeIfAbsent(s, k -> new ArrayList<>()).add(taskport(s, tasks));
        } else {
          tp.computeIfAbsent(s, k -> new ArrayList<>()).add(taskport(s, tasks));
          dbs.computeIfAbsent(s, k -> new ArrayList<>()).add(dbScheduler(s, tasks));
        }
        System.err.printf(Locale.ROOT, "round %d %s: db-scheduler %s / Taskport %s%n", r + 1,
            s.label, last(dbs.get(s)), last(tp.get(s)));
      }
    }
    print(tasks, rounds, dbs, tp);
  }

  private static String last(List<Result> rs) {
    Result r = rs.get(rs.size() - 1);
    return String.format(Locale.ROOT, "%.0f/s PG %.0f µs JVM %.0f µs %.2f stmts", r.perSecond,
        r.cpuMicros, r.jvmMicros, r.statements);
  }

  private static void print(
      int tasks, int rounds, Map<Scenario, List<Result>> dbs, Map<Scenario, List<Result>> tp) {
    System.out.printf(Locale.ROOT,
        "%d no-op tasks, %d workers, pool of %d, medians of %d interleaved rounds;"
            + " PostgreSQL CPU: the run's backends from /proc; statements and round trips:"
            + " counted at the JDBC calls%n", tasks, WORKERS, POOL, rounds);
    System.out.printf(Locale.ROOT, "%-13s %15s %15s %7s %19s %19s %20s %17s %17s%n",
        "scenario", "db-scheduler/s", "Taskport/s", "ratio", "submit p50 µs d/T",
        "PG CPU µs/task d/T", "JVM CPU µs/task d/T", "stmts/task d/T", "trips/task d/T");
    for (Scenario s : Scenario.values()) {
      double d = median(dbs.get(s), Result::perSecond);
      double t = median(tp.get(s), Result::perSecond);
      String p50 = s == Scenario.END_TO_END
          ? String.format(Locale.ROOT, "%.0f / %.0f", median(dbs.get(s), Result::submitP50Micros),
              median(tp.get(s), Result::submitP50Micros))
          : "-";
      System.out.printf(Locale.ROOT, "%-13s %15.0f %15.0f %6.2fx %19s %19s %20s %17s %17s%n",
          s.label, d, t, t / d, p50,
          pair(dbs.get(s), tp.get(s), Result::cpuMicros, "%.0f"),
          pair(dbs.get(s), tp.get(s), Result::jvmMicros, "%.0f"),
          pair(dbs.get(s), tp.get(s), Result::statements, "%.2f"),
          pair(dbs.get(s), tp.get(s), Result::roundTrips, "%.2f"));
    }
  }

  private static String pair(List<Result> a, List<Result> b,
      java.util.function.ToDoubleFunction<Result> f, String format) {
    return String.format(Locale.ROOT, format + " / " + format, median(a, f), median(b, f));
  }

  private static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
    double[] v = rs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  // ---- db-scheduler

  private Result dbScheduler(Scenario scenario, int tasks) throws Exception {
    String app = "bench-dbs-" + random();
    String table = "bench_" + random() + "_scheduled_tasks";
    try (HikariDataSource pool = pool(app)) {
      CountingDataSource ds = new CountingDataSource(pool);
      execute(pool, DbSchedulerSchema.create(table));
      try {
        CountDownLatch done = new CountDownLatch(tasks);
        OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> {});
        Scheduler scheduler = Scheduler.create(ds, noop)
            .tableName(table)
            .threads(WORKERS)
            .pollUsingLockAndFetch(0.5, 1.0)
            .pollingInterval(POLL)
            .enableImmediateExecution()
            .addSchedulerListener(new AbstractSchedulerListener() {
              @Override
              public void onExecutionComplete(ExecutionComplete complete) {
                done.countDown();
              }
            })
            .build();
        List<TaskInstance<?>> instances = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
          instances.add(noop.instance("t" + i));
        }
        try {
          return switch (scenario) {
            case END_TO_END -> {
              scheduler.start();
              Probe p = probe(app, ds);
              long[] latencies = new long[tasks];
              for (int i = 0; i < tasks; i++) {
                long t0 = System.nanoTime();
                scheduler.schedule(noop.instance("t" + i), Instant.now());
                latencies[i] = System.nanoTime() - t0;
              }
              await(done);
              yield p.result(tasks, latencies);
            }
            case DRAINED -> {
              SchedulerClient.Builder.create(ds, noop).tableName(table).build()
                  .scheduleBatch(instances, Instant.now());
              Probe p = probe(app, ds);
              scheduler.start();
              await(done);
              yield p.result(tasks, null);
            }
            case BATCH -> {
              SchedulerClient client = SchedulerClient.Builder.create(ds, noop).tableName(table)
                  .build();
              Probe p = probe(app, ds);
              client.scheduleBatch(instances, Instant.now());
              yield p.result(tasks, null);
            }
          };
        } finally {
          scheduler.stop();
        }
      } finally {
        execute(pool, "DROP TABLE IF EXISTS " + table);
      }
    }
  }

  // ---- Taskport

  private Result taskport(Scenario scenario, int tasks) throws Exception {
    String app = "bench-tp-" + random();
    String prefix = "bench" + random() + "_";
    try (HikariDataSource pool = pool(app)) {
      CountingDataSource ds = new CountingDataSource(pool);
      try (JdbcTaskStore store =
          JdbcTaskStore.builder(ds).tablePrefix(prefix).createSchema(true).build()) {
        CountDownLatch done = new CountDownLatch(tasks);
        TaskManager manager = TaskManager.builder()
            .store(store)
            .files(new MemoryFileStore())
            .format(new CsvFormat())
            .workers(WORKERS)
            .pollInterval(POLL)
            .fairClaiming(true)
            .export(noopExport())
            .build();
        manager.subscribeAll(e -> {
          if (e.status() == TaskStatus.COMPLETED) {
            done.countDown();
          }
        });
        List<ExportRequest> requests = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
          requests.add(request(i));
        }
        try {
          return switch (scenario) {
            case END_TO_END -> {
              manager.start();
              Probe p = probe(app, ds);
              long[] latencies = new long[tasks];
              for (int i = 0; i < tasks; i++) {
                long t0 = System.nanoTime();
                manager.submit(requests.get(i));
                latencies[i] = System.nanoTime() - t0;
              }
              await(done);
              yield p.result(tasks, latencies);
            }
            case DRAINED -> {
              manager.submitAll(requests);
              Probe p = probe(app, ds);
              manager.start();
              await(done);
              yield p.result(tasks, null);
            }
            case BATCH -> {
              Probe p = probe(app, ds);
              manager.submitAll(requests);
              yield p.result(tasks, null);
            }
          };
        } finally {
          manager.close();
        }
      } finally {
        execute(pool, "DROP TABLE IF EXISTS " + prefix + "taskport_task");
        execute(pool, "DROP TABLE IF EXISTS " + prefix + "taskport_gate");
      }
    }
  }

  private static ExportRequest request(int i) {
    return ExportRequest.of("noop", "user" + (i % OWNERS)).allowDuplicates();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ExportHandler<Map<?, ?>, Object> noopExport() {
    return ExportHandler.of(
        "noop", (Class) Map.class, p -> List.of(Column.text("x", r -> r)), (ctx, out) -> {});
  }

  // ---- measuring

  /** The state at the start of the timed part of a run. */
  private final class Probe {
    final String app;
    final CountingDataSource ds;
    final Map<Integer, Long> cpuBefore;
    final long[] counts;
    final long jvmBefore;
    final long start;

    Probe(String app, CountingDataSource ds) throws Exception {
      this.app = app;
      this.ds = ds;
      this.cpuBefore = cpu.read(app);
      this.counts = ds.snapshot();
      this.jvmBefore = jvmCpuNanos();
      this.start = System.nanoTime();
    }

    Result result(int tasks, long[] latencies) throws Exception {
      long elapsed = System.nanoTime() - start;
      long jvm = jvmCpuNanos() - jvmBefore;
      long[] now = ds.snapshot();
      long serverCpu = PgBackendCpu.between(cpuBefore, cpu.read(app));
      double p50 = 0;
      if (latencies != null) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        p50 = sorted[sorted.length / 2] / 1e3;
      }
      return new Result(tasks / (elapsed / 1e9), p50, serverCpu / 1e3 / tasks, jvm / 1e3 / tasks,
          (now[0] - counts[0]) / (double) tasks, (now[1] - counts[1]) / (double) tasks);
    }
  }

  /** This JVM's CPU time: the program runs one scheduler at a time, so a run's share is its own. */
  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private Probe probe(String app, CountingDataSource ds) throws Exception {
    return new Probe(app, ds);
  }

  private static void await(CountDownLatch done) throws InterruptedException {
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("tasks did not finish: " + done.getCount() + " left");
    }
  }

  private HikariDataSource pool(String applicationName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(POOL);
    config.setMinimumIdle(POOL);
    config.setPoolName(applicationName);
    config.addDataSourceProperty("ApplicationName", applicationName);
    return new HikariDataSource(config);
  }

  private static void execute(javax.sql.DataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static String random() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }
}
