package io.taskport.testkit;

import io.taskport.TaskManager;
import io.taskport.TaskManagerBuilder;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.store.TaskStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker node in its own JVM, for crash tests: runs a manager with an {@code audited} export
 * that records each invocation in a shared {@link InvocationAudit} file, works for {@code
 * work.millis}, and writes {@code rows} rows. Prints {@code READY} once started; closes the
 * manager gracefully on SIGTERM.
 *
 * <p>Properties (as {@code key=value} arguments): {@code store.factory}, {@code files.dir},
 * {@code audit.file}, {@code worker.id}, {@code workers}, {@code lease.millis}, {@code
 * work.millis}, {@code rows}, {@code drain.millis}, plus whatever the store factory reads.
 */
public final class WorkerMain {
  /** The type of the audited export. */
  public static final String TYPE = "audited";

  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> p = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      p.put(a.substring(0, eq), a.substring(eq + 1));
    }
    WorkerStoreFactory factory =
        (WorkerStoreFactory)
            Class.forName(p.get("store.factory")).getDeclaredConstructor().newInstance();
    TaskStore store = factory.create(p);
    String workerId = p.getOrDefault("worker.id", "child-" + ProcessHandle.current().pid());
    InvocationAudit audit = new InvocationAudit(Path.of(p.get("audit.file")));
    long workMillis = Long.parseLong(p.getOrDefault("work.millis", "100"));
    int rows = Integer.parseInt(p.getOrDefault("rows", "10"));
    Duration lease = Duration.ofMillis(Long.parseLong(p.getOrDefault("lease.millis", "2000")));
    TaskManagerBuilder b =
        node(store, Path.of(p.get("files.dir")), audit, workerId, lease, workMillis, rows)
            .workers(Integer.parseInt(p.getOrDefault("workers", "4")))
            .drainTimeout(Duration.ofMillis(Long.parseLong(p.getOrDefault("drain.millis", "5000"))));
    TaskManager manager = b.build();
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  manager.close();
                  store.close();
                  closed.countDown();
                }));
    manager.start();
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    closed.await();
  }

  /**
   * Returns the builder of a node running the audited export, with timings for crash tests:
   * sweeps every quarter lease, polls every 50 ms, retries after 50 to 200 ms. Used by the worker
   * JVM and by tests for the nodes they run in their own JVM.
   */
  public static TaskManagerBuilder node(
      TaskStore store,
      Path files,
      InvocationAudit audit,
      String workerId,
      Duration lease,
      long workMillis,
      int rows) {
    return TaskManager.builder()
        .store(store)
        .files(new LocalFileStore(files))
        .format(new TsvFormat())
        .workerId(workerId)
        .lease(lease)
        .sweepInterval(lease.dividedBy(4))
        .pollInterval(Duration.ofMillis(50))
        .retryDelay(Duration.ofMillis(50), Duration.ofMillis(200))
        .export(auditedExport(audit, workerId, workMillis, rows));
  }

  /** The audited export: records start and end, works, writes rows, honours cancellation. */
  public static ExportHandler<Map<?, ?>, Integer> auditedExport(
      InvocationAudit audit, String workerId, long workMillis, int rows) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Map<?, ?>> params = (Class) Map.class;
    return ExportHandler.of(
        TYPE,
        params,
        x -> List.of(Column.integer("n", (Integer i) -> i)),
        (ctx, out) -> {
          Clock clock = Clock.systemUTC();
          audit.started(ctx.taskId(), ctx.attempt(), workerId, clock.instant());
          long end = System.nanoTime() + workMillis * 1_000_000;
          while (System.nanoTime() < end) {
            ctx.checkCancelled();
            // simulated work, not synchronisation
            LockSupport.parkNanos(Math.min(end - System.nanoTime(), 5_000_000));
          }
          for (int i = 0; i < rows; i++) {
            out.write(i);
          }
          audit.ended(ctx.taskId(), ctx.attempt(), workerId, clock.instant());
        });
  }
}
