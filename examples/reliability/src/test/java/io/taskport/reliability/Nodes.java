package io.taskport.reliability;

import io.taskport.TaskManagerBuilder;
import io.taskport.TaskManager;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.time.Duration;

/** Builders of the suite's nodes, the same in worker JVMs and in the test's own JVM. */
final class Nodes {
  private Nodes() {}

  /** A worker node with the suite's handlers and test speeds. */
  static TaskManagerBuilder worker(
      TaskStore store, FileStore files, InvocationAudit audit, String workerId) {
    return TaskManager.builder()
        .store(store)
        .files(files)
        .format(new TsvFormat())
        .workerId(workerId)
        .lease(Timing.LEASE)
        .heartbeatInterval(Timing.HEARTBEAT)
        .sweepInterval(Timing.SWEEP)
        .pollInterval(Timing.POLL)
        .retryDelay(Duration.ofMillis(50), Duration.ofMillis(200))
        .export(Handlers.audited(audit, workerId))
        .export(Handlers.audited(Handlers.LIMITED, audit, workerId))
        .export(Handlers.poison(audit, workerId))
        .export(Handlers.strict(audit, workerId));
  }

  static TaskManagerBuilder worker(
      TaskStore store, Path files, InvocationAudit audit, String workerId) {
    return worker(store, new LocalFileStore(files), audit, workerId);
  }

  /**
   * A node that only submits and reads: no worker threads, and a sweep so rare that recovery is
   * left to the workers under test.
   */
  static TaskManager submitter(TaskStore store, Path files, InvocationAudit audit) {
    return worker(store, files, audit, "submitter")
        .workers(0)
        .sweepInterval(Duration.ofHours(1))
        .build();
  }
}
