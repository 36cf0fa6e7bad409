package io.taskport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fair claiming, end to end through {@link TaskManager}: one owner submits {@code heavy} exports
 * of {@code taskMillis} each, then, once 8 of them run, 20 other owners submit one export each,
 * on 2 nodes of 4 workers sharing one store. Reports the light owners' queue wait (created to
 * started, by the store's clock) as median and p99, how many of the heavy owner's tasks started
 * while the light ones waited, and the throughput of the whole run, with fair claiming on and
 * off, in interleaved rounds.
 *
 * <p>Arguments: {@code [store: postgres or redis, postgres] [heavy tasks, 1000] [task millis,
 * 200] [rounds, 1]}; servers from {@code TASKPORT_PG_URL} and {@code TASKPORT_REDIS_URL}.
 */
public final class FairnessBenchmark {
  private static final int NODES = 2;
  private static final int WORKERS = 4;
  private static final int LIGHT = 20;

  private FairnessBenchmark() {}

  public static void main(String[] args) throws Exception {
    String store = args.length > 0 ? args[0] : "postgres";
    if (store.equals("pg")) {
      store = "postgres";
    }
    if (!store.equals("postgres") && !store.equals("redis")) {
      throw new IllegalArgumentException("unknown store '" + store + "'; use postgres or redis");
    }
    int heavy = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int taskMillis = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<String> lines = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      for (boolean fair : new boolean[] {true, false}) {
        String line = "round " + r + " " + run(store, fair, heavy, taskMillis);
        System.out.println(line);
        lines.add(line);
      }
    }
    System.out.println();
    // the fair runs first, then the plain ones
    lines.stream()
        .sorted(Comparator.comparing(l -> !l.contains("fair=true")))
        .forEach(System.out::println);
  }

  private static String run(String store, boolean fair, int heavy, int taskMillis)
      throws Exception {
    Path dir = Files.createTempDirectory("taskport-fairness");
    List<TaskManager> nodes = new ArrayList<>();
    try (Backends backends = store.equals("redis") ? Backends.of("redis") : new Postgres()) {
      try {
        return measure(backends, nodes, store, fair, heavy, taskMillis, dir);
      } finally {
        nodes.forEach(TaskManager::close); // before the namespace goes
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static String measure(
      Backends backends,
      List<TaskManager> nodes,
      String store,
      boolean fair,
      int heavy,
      int taskMillis,
      Path dir)
      throws Exception {
    for (int n = 0; n < NODES; n++) {
      nodes.add(
          TaskManager.builder()
              .store(backends.node())
              .files(new LocalFileStore(dir))
              .workers(WORKERS)
              .fairClaiming(fair)
              .export(sleeping(taskMillis))
              .build());
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
    List<Task> done = awaitCompleted(submitter, ids, light);
    return report(store, fair, heavy, taskMillis, done);
  }

  private static String report(
      String store, boolean fair, int heavy, int taskMillis, List<Task> done) {
    List<Task> lights = done.stream().filter(t -> !t.owner().equals("heavy")).toList();
    long[] waits =
        lights.stream()
            .mapToLong(t -> Duration.between(t.createdAt(), t.startedAt()).toMillis())
            .sorted()
            .toArray();
    long lightsIn =
        lights.stream().mapToLong(t -> t.createdAt().toEpochMilli()).min().orElseThrow();
    long lastLight =
        lights.stream().mapToLong(t -> t.startedAt().toEpochMilli()).max().orElseThrow();
    long heavyBetween =
        done.stream()
            .filter(t -> t.owner().equals("heavy"))
            .mapToLong(t -> t.startedAt().toEpochMilli())
            .filter(s -> s > lightsIn && s < lastLight)
            .count();
    long first = done.stream().mapToLong(t -> t.createdAt().toEpochMilli()).min().orElseThrow();
    long firstStart =
        done.stream().mapToLong(t -> t.startedAt().toEpochMilli()).min().orElseThrow();
    long last = done.stream().mapToLong(t -> t.finishedAt().toEpochMilli()).max().orElseThrow();
    double seconds = (last - firstStart) / 1000.0;
    long[] best = bestWaits(done, lights, lightsIn, taskMillis, 0);
    // a worker's mean time from one start to its next, and the part of it after a task finished
    long cycle = Math.round(NODES * WORKERS * seconds * 1000 / done.size());
    long service =
        Math.round(
            done.stream()
                .mapToLong(t -> Duration.between(t.startedAt(), t.finishedAt()).toMillis())
                .average()
                .orElse(taskMillis));
    long[] paced = bestWaits(done, lights, lightsIn, (int) service, Math.max(0, cycle - service));
    return String.format(
        Locale.ROOT,
        "%s fair=%-5s nodes=%dx%d heavy=%d light=%d task=%dms  light wait p50=%d ms p99=%d ms"
            + " (%.2f / %.2f task durations; best any order could do: p50=%d ms p99=%d ms, or"
            + " p50=%d ms p99=%d ms at this run's %d ms from start to next start),"
            + " heavy starts while lights waited %d  throughput"
            + " %.2f tasks/s over %.1f s (first submit to last finish %.1f s)",
        store.equals("redis") ? "Redis" : "PostgreSQL",
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
        pct(best, 50),
        pct(best, 99),
        pct(paced, 50),
        pct(paced, 99),
        cycle,
        heavyBetween,
        done.size() / seconds,
        seconds,
        (last - first) / 1000.0);
  }

  /**
   * The light owners' waits had every worker taken a light task as soon as it came free: each
   * worker is free {@code gap} after the task it ran as the light owners arrived ended, as
   * measured, and each light task then takes the earliest free worker for {@code millis} plus
   * {@code gap}. With no gap, no claim order can start the light tasks earlier.
   */
  private static long[] bestWaits(
      List<Task> done, List<Task> lights, long lightsIn, int millis, long gap) {
    PriorityQueue<Long> free = new PriorityQueue<>();
    done.stream()
        .filter(t -> t.startedAt().toEpochMilli() <= lightsIn)
        .filter(t -> t.finishedAt().toEpochMilli() > lightsIn)
        .forEach(t -> free.add(t.finishedAt().toEpochMilli() + gap));
    while (free.size() < NODES * WORKERS) {
      free.add(lightsIn);
    }
    List<Task> bySubmit =
        lights.stream().sorted(Comparator.comparing(Task::createdAt)).toList();
    long[] waits = new long[bySubmit.size()];
    for (int i = 0; i < waits.length; i++) {
      long created = bySubmit.get(i).createdAt().toEpochMilli();
      long start = Math.max(free.remove(), created);
      free.add(start + millis + gap);
      waits[i] = start - created;
    }
    java.util.Arrays.sort(waits);
    return waits;
  }

  private static List<Task> awaitCompleted(TaskManager m, List<TaskId> ids, List<TaskId> light)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    List<Task> done = new ArrayList<>();
    for (TaskId id : ids) {
      int l = light.indexOf(id);
      String owner = l >= 0 ? "light" + l : "heavy";
      Task t = m.get(id, owner);
      while (t.status() != TaskStatus.COMPLETED) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("task " + id + " did not complete: " + t.status());
        }
        TimeUnit.MILLISECONDS.sleep(50);
        t = m.get(id, owner);
      }
      done.add(t);
    }
    return done;
  }

  private static void awaitStarted(TaskManager m, String owner, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (m.list(TaskQuery.of(owner).status(TaskStatus.RUNNING)).items().size() < n) {
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

  /** One PostgreSQL pool of 8 per node over one random table prefix, dropped at the end. */
  private static final class Postgres extends Backends {
    private final String url =
        System.getenv().getOrDefault(
            "TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private final String prefix =
        "fair" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 8) + "_";
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<TaskStore> stores = new ArrayList<>();

    @Override
    TaskStore node() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(8);
      config.setPoolName("fairness-n" + pools.size());
      HikariDataSource pool = new HikariDataSource(config);
      pools.add(pool);
      TaskStore store =
          JdbcTaskStore.builder(pool).tablePrefix(prefix).createSchema(pools.size() == 1).build();
      stores.add(store);
      return store;
    }

    @Override
    public void close() throws Exception {
      stores.forEach(TaskStore::close);
      try (Connection c = pools.get(0).getConnection();
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_task");
        st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_gate");
      }
      pools.forEach(HikariDataSource::close);
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
