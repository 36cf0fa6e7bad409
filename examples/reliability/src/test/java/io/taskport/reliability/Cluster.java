package io.taskport.reliability;

import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import io.taskport.store.TaskStore;
import io.taskport.testkit.ChildJvm;
import io.taskport.testkit.InvocationAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker JVMs of one scenario run, with the faults done to them. After each SIGKILL it
 * watches, by the store, how long the killed worker's tasks stay RUNNING under its lease: the
 * recovery times that I4 bounds. Optionally restarts workers that died.
 */
final class Cluster implements AutoCloseable {
  /** A running worker JVM. */
  record Worker(String id, ChildJvm jvm) {}

  private record Kill(String worker, Instant at, Set<TaskId> tasks) {}

  private final StoreEnv env;
  private final String storeUrl;
  private final TaskStore observer;
  private final InvocationAudit audit;
  private final Report.Run run;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();
  private final List<Kill> kills = new CopyOnWriteArrayList<>();
  private final Map<TaskId, Instant> pending = new ConcurrentHashMap<>();
  private final Map<TaskId, String> pendingWorker = new ConcurrentHashMap<>();
  private final List<Duration> recoveries = new CopyOnWriteArrayList<>();
  private final Set<TaskId> killedInFlight = ConcurrentHashMap.newKeySet();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger restarts = new AtomicInteger();
  private final Thread watcher;
  private final Thread supervisor;
  private volatile boolean closed;
  private volatile Map<String, String> restartProperties;

  Cluster(StoreEnv env, String storeUrl, TaskStore observer, InvocationAudit audit, Report.Run run) {
    this.env = env;
    this.storeUrl = storeUrl;
    this.observer = observer;
    this.audit = audit;
    this.run = run;
    this.watcher = new Thread(this::watch, "cluster-watcher");
    this.watcher.setDaemon(true);
    this.watcher.start();
    this.supervisor = new Thread(this::supervise, "cluster-supervisor");
    this.supervisor.setDaemon(true);
    this.supervisor.start();
  }

  /** Starts a worker JVM and waits until it is ready; its id is {@code prefix} plus a number. */
  Worker start(String prefix, Map<String, String> extra) throws Exception {
    Worker w = launch(prefix, extra);
    w.jvm().awaitReady(Duration.ofSeconds(60));
    return w;
  }

  private Worker launch(String prefix, Map<String, String> extra) throws IOException {
    String id = prefix + started.incrementAndGet();
    Map<String, String> props = new HashMap<>(env.workerProperties(storeUrl));
    props.put("worker.id", id);
    props.putAll(extra);
    ChildJvm jvm = ChildJvm.start(ReliabilityWorker.class, props, env.dir.resolve(id + ".log"));
    Worker w = new Worker(id, jvm);
    workers.put(id, w);
    return w;
  }

  /** Starts {@code n} worker JVMs at once and waits until all are ready. */
  List<Worker> startAll(String prefix, int n, Map<String, String> extra) throws Exception {
    List<Map<String, String>> each = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      each.add(extra);
    }
    return startEach(prefix, each);
  }

  /** Starts one worker JVM per property map at once and waits until all are ready. */
  List<Worker> startEach(String prefix, List<Map<String, String>> each) throws Exception {
    List<Worker> list = new ArrayList<>();
    for (Map<String, String> extra : each) {
      list.add(launch(prefix, extra));
    }
    for (Worker w : list) {
      w.jvm().awaitReady(Duration.ofSeconds(60));
    }
    return list;
  }

  /** Stops every worker JVM gracefully (SIGTERM) and waits for it to exit. */
  void stopAll() throws InterruptedException {
    for (Worker w : List.copyOf(workers.values())) {
      w.jvm().stop(Duration.ofSeconds(30));
    }
  }

  List<Worker> alive() {
    return workers.values().stream().filter(w -> w.jvm().isAlive()).toList();
  }

  /**
   * Kills a worker with SIGKILL and starts watching the tasks it held: those it had started and
   * not finished (by the audit), and those RUNNING under its lease (by the store).
   */
  Set<TaskId> kill(Worker w) throws InterruptedException {
    w.jvm().kill();
    Instant at = Instant.now();
    return watchTasksOf(w.id(), at);
  }

  /** Starts watching the tasks of a worker that died or was killed at {@code at}. */
  Set<TaskId> watchTasksOf(String workerId, Instant at) {
    Set<TaskId> held = new HashSet<>(audit.unfinished(workerId));
    held.addAll(runningUnder(workerId));
    kills.add(new Kill(workerId, at, held));
    killedInFlight.addAll(held);
    for (TaskId id : held) {
      pending.put(id, at);
      pendingWorker.put(id, workerId);
    }
    run.inFlightOnKilled += held.size();
    return held;
  }

  private Set<TaskId> runningUnder(String workerId) {
    Set<TaskId> ids = new HashSet<>();
    TaskQuery q = TaskQuery.of(Invariants.OWNER).status(TaskStatus.RUNNING).limit(TaskQuery.MAX_LIMIT);
    Page<Task> page = observer.list(q);
    while (true) {
      for (Task t : page.items()) {
        if (t.lease() != null && t.lease().workerId().equals(workerId)) {
          ids.add(t.id());
        }
      }
      if (!page.hasNext()) {
        return ids;
      }
      page = observer.list(q.after(page.next()));
    }
  }

  /** Restarts, with these properties, every worker that dies from now on, and watches its tasks. */
  void superviseRestarts(Map<String, String> extra) {
    restartProperties = Map.copyOf(extra);
  }

  void stopRestarting() {
    restartProperties = null;
  }

  int restarts() {
    return restarts.get();
  }

  /** Tasks that were in flight on a killed worker: the only ones allowed to run twice. */
  Set<TaskId> killedInFlight() {
    return Set.copyOf(killedInFlight);
  }

  List<Duration> recoveries() {
    return List.copyOf(recoveries);
  }

  /**
   * Looks at the watched tasks once more, so that a recovery after the watcher's last look (or
   * after it stopped) is counted before the figures are read.
   */
  void recheck() {
    try {
      checkRecoveries();
    } catch (RuntimeException e) {
      // the store is unreachable: keep what the watcher saw
    }
  }

  /** Tasks of killed workers still RUNNING under the dead lease. */
  Set<TaskId> unrecovered() {
    return Set.copyOf(pending.keySet());
  }

  /** Tasks that stayed RUNNING under a dead worker's lease longer than the asserted I4 bound. */
  long stuckBeyondBound() {
    long stuck =
        recoveries.stream().filter(d -> d.compareTo(Timing.assertedBound()) > 0).count();
    Instant now = Instant.now();
    for (Instant at : pending.values()) {
      if (Duration.between(at, now).compareTo(Timing.assertedBound()) > 0) {
        stuck++;
      }
    }
    return stuck;
  }

  Duration longestRecovery() {
    Duration longest = Duration.ZERO;
    for (Duration d : recoveries) {
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    Instant now = Instant.now();
    for (Instant at : pending.values()) {
      Duration d = Duration.between(at, now);
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return longest;
  }

  private void watch() {
    while (!closed) {
      try {
        checkRecoveries();
      } catch (RuntimeException e) {
        // the store may be unreachable during an outage scenario; look again
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private void supervise() {
    while (!closed) {
      restartDead();
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private void checkRecoveries() {
    for (Map.Entry<TaskId, Instant> e : pending.entrySet()) {
      TaskId id = e.getKey();
      String dead = pendingWorker.get(id);
      Task t = observer.get(id).orElse(null);
      boolean held =
          t != null
              && t.status() == TaskStatus.RUNNING
              && t.lease() != null
              && t.lease().workerId().equals(dead);
      if (!held) {
        Duration d = Duration.between(e.getValue(), Instant.now());
        recoveries.add(d);
        run.recovery(d);
        pending.remove(id);
        pendingWorker.remove(id);
      }
    }
  }

  private void restartDead() {
    Map<String, String> extra = restartProperties;
    if (extra == null) {
      return;
    }
    for (Worker w : List.copyOf(workers.values())) {
      if (!w.jvm().isAlive() && workers.remove(w.id()) != null) {
        watchTasksOf(w.id(), Instant.now());
        restarts.incrementAndGet();
        try {
          start(w.id().replaceAll("\\d+$", ""), extra);
        } catch (Exception ex) {
          run.note("a worker could not be restarted: " + ex);
        }
      }
    }
  }

  /** Copies the worker logs next to the report, for a failed run's post-mortem. */
  private void keepLogs() {
    Path target =
        Path.of(System.getProperty("taskport.reliability.reportDir", "target"), "reliability-logs")
            .resolve(run.scenario.replaceAll("[^A-Za-z0-9]+", "-") + "-" + run.backend.name());
    try {
      Files.createDirectories(target);
      try (var logs = Files.newDirectoryStream(env.dir, "*.log")) {
        for (Path p : logs) {
          Files.copy(p, target.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      run.note("worker logs could not be kept: " + e);
    }
  }

  @Override
  public void close() throws Exception {
    restartProperties = null;
    closed = true;
    watcher.join(10_000);
    supervisor.join(70_000);
    List<Exception> failures = new ArrayList<>();
    for (Worker w : workers.values()) {
      try {
        w.jvm().close();
      } catch (InterruptedException e) {
        failures.add(e);
      }
    }
    keepLogs();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
