package io.taskport.reliability;

import io.taskport.ExportRequest;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/** Steps that several scenarios share. */
final class Scenarios {
  private Scenarios() {}

  /** Submits {@code n} audited exports of {@link Invariants#OWNER}; params per index. */
  static List<TaskId> submit(TaskManager m, int n, IntFunction<Map<String, Object>> params) {
    return submit(m, Handlers.AUDITED, Invariants.OWNER, n, params);
  }

  /** Submits {@code n} exports of a type of {@link Handlers} for an owner; params per index. */
  static List<TaskId> submit(
      TaskManager m, String type, String owner, int n, IntFunction<Map<String, Object>> params) {
    List<TaskId> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = new HashMap<>(params.apply(i));
      p.put("i", i);
      ids.add(m.submit(ExportRequest.of(type, owner).format("tsv").params(p)).id());
    }
    return ids;
  }

  /** Submits {@code n} audited exports that each work {@code ms} and write {@code rows} rows. */
  static List<TaskId> submit(TaskManager m, int n, long ms, long rows) {
    return submit(m, n, i -> Map.of("ms", ms, "rows", rows));
  }

  /** Waits out one step of a fault schedule (a chaos cadence), not a synchronisation. */
  static void pace(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** Records the cluster's recovery figures and asserts I4 over them. */
  static void assertRecoveries(Cluster cluster, Report.Run run, Verdict verdict) {
    cluster.recheck();
    long stuck = cluster.stuckBeyondBound();
    run.stuck += stuck;
    run.recovery(cluster.longestRecovery());
    verdict.check(
        stuck == 0 && cluster.unrecovered().isEmpty(),
        "I4",
        stuck + " tasks stayed RUNNING under a dead worker's lease for more than "
            + Timing.assertedBound().toMillis() + " ms (I4 bound " + Timing.runningBound().toMillis()
            + " ms plus margin); longest " + cluster.longestRecovery().toMillis() + " ms; never"
            + " recovered: " + cluster.unrecovered());
  }
}
