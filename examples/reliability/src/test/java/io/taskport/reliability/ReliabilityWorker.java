package io.taskport.reliability;

import io.taskport.TaskManager;
import io.taskport.TaskManagerBuilder;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.WorkerStoreFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A worker JVM of the suite: a node with the suite's handlers on the store that {@code
 * store.factory} opens. Prints {@code READY} once started and closes gracefully on SIGTERM.
 *
 * <p>Properties, as {@code key=value} arguments: those of {@link StoreEnv#workerProperties}, plus
 * {@code worker.id}, {@code workers}, {@code drain.millis}, {@code clock.offset.millis} (the
 * node's own clock, shifted), {@code halt.markers} (a directory of {@link HaltingFileStore}
 * markers), {@code fair} ({@code true} for fair claiming) and {@code cluster.limits} (cluster-wide
 * type limits, {@code type:n} separated by commas).
 */
public final class ReliabilityWorker {
  private ReliabilityWorker() {}

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
    String workerId = p.get("worker.id");
    InvocationAudit audit = new InvocationAudit(Path.of(p.get("audit.file")));
    FileStore files = new LocalFileStore(Path.of(p.get("files.dir")));
    if (p.containsKey("halt.markers")) {
      files = new HaltingFileStore(files, Path.of(p.get("halt.markers")));
    }
    Clock clock =
        Clock.offset(
            Clock.systemUTC(),
            Duration.ofMillis(Long.parseLong(p.getOrDefault("clock.offset.millis", "0"))));
    TaskManagerBuilder b =
        Nodes.worker(store, files, audit, workerId)
            .clock(clock)
            .workers(Integer.parseInt(p.getOrDefault("workers", "4")))
            .drainTimeout(Duration.ofMillis(Long.parseLong(p.getOrDefault("drain.millis", "5000"))));
    b.fairClaiming(Boolean.parseBoolean(p.getOrDefault("fair", "false")));
    for (String limit : p.getOrDefault("cluster.limits", "").split(",")) {
      if (!limit.isBlank()) {
        String[] typeAndMax = limit.split(":");
        b.clusterTypeLimit(typeAndMax[0], Integer.parseInt(typeAndMax[1]));
      }
    }
    TaskManager manager = b.build();
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  manager.close();
                  store.close();
                  System.out.println("CLOSED " + workerId);
                  System.out.flush();
                  closed.countDown();
                }));
    manager.start();
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    closed.await();
  }
}
