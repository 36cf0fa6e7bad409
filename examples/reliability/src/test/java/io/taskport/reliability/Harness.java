package io.taskport.reliability;

import io.taskport.TaskManager;
import io.taskport.TaskManagerBuilder;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One scenario run on one store: its namespace, the audit, an observer store, the invariant
 * checks, a submit-only node, the worker JVMs, nodes in this JVM, and optionally a proxy the
 * workers reach the server through. Closing it stops everything, cleans up, and then fails with
 * every invariant violation recorded.
 */
final class Harness implements AutoCloseable {
  final Report.Run run;
  final Backend backend;
  final Verdict verdict = new Verdict();
  final StoreEnv env;
  final InvocationAudit audit;
  final TaskStore observer;
  final Invariants inv;
  final TaskManager submitter;
  final Cluster cluster;
  final @Nullable TcpProxy proxy;
  private final List<TaskManager> local = new ArrayList<>();

  private Harness(Report.Run run, Backend backend, boolean viaProxy) throws Exception {
    this.run = run;
    this.backend = backend;
    backend.requireReachable();
    this.env = new StoreEnv(backend);
    this.proxy = viaProxy && backend.isShared() ? new TcpProxy(backend.address()) : null;
    this.audit = new InvocationAudit(env.auditFile);
    this.observer = env.store();
    this.inv = new Invariants(run, verdict, observer, env.files, audit);
    this.submitter = Nodes.submitter(observer, env.files, audit);
    String url =
        !backend.isShared() ? null : proxy == null ? backend.url() : backend.viaPort(proxy.port());
    this.cluster = new Cluster(env, url, observer, audit, run);
  }

  /** Opens a run whose workers reach the server directly. */
  static Harness open(Report.Run run, Backend backend) throws Exception {
    return new Harness(run, backend, false);
  }

  /** Opens a run whose worker JVMs reach the server through a {@link TcpProxy}. */
  static Harness openViaProxy(Report.Run run, Backend backend) throws Exception {
    return new Harness(run, backend, true);
  }

  /** Starts a worker node in this JVM on the observer's store (one store for in-memory). */
  TaskManager localNode(String workerId, int workers) {
    return localNode(Nodes.worker(env.store(), env.files, audit, workerId).workers(workers));
  }

  /** Builds and starts a node in this JVM; it is closed with the run. */
  TaskManager localNode(TaskManagerBuilder builder) {
    TaskManager m = builder.build();
    local.add(m);
    m.start();
    return m;
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (AutoCloseable c : closing()) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    verdict.assertNone();
  }

  private List<AutoCloseable> closing() {
    List<AutoCloseable> all = new ArrayList<>(local);
    all.add(cluster);
    all.add(submitter);
    if (proxy != null) {
      all.add(proxy);
    }
    all.add(env);
    return all;
  }
}
