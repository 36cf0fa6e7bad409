package io.taskport.spring.boot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of a {@link TaskManager}, derived from the events it publishes:
 *
 * <ul>
 *   <li>{@code taskport.tasks.submitted} (counter, tag {@code type}): tasks first seen PENDING;
 *   <li>{@code taskport.tasks.finished} (counter, tags {@code type}, {@code status}): terminal
 *       events, status COMPLETED, FAILED or CANCELLED;
 *   <li>{@code taskport.tasks.duration} (timer, tags {@code type}, {@code status}): from the first
 *       RUNNING event seen to the terminal one;
 *   <li>{@code taskport.tasks.pending} and {@code taskport.tasks.running} (gauges): tasks whose
 *       last event seen had that status.
 * </ul>
 *
 * <p>Approximate by design. The counts cover the tasks whose events this node sees: its own with
 * the in-memory and JDBC stores, every node's with the Redis store (its pub/sub feeds all nodes,
 * so do not sum those across nodes). Tasks submitted before this node started, or whose events
 * were lost, are missing from the gauges until their next event; at most {@value #MAX_TRACKED}
 * unfinished tasks are tracked. Owners never become tags, but the figures count every user's
 * tasks: expose the metrics endpoint to operators only (the demo lets only the dashboard role
 * read {@code /actuator/**} other than health).
 */
public final class TaskportMetrics implements MeterBinder, AutoCloseable {
  /** The most unfinished tasks tracked for the gauges. */
  public static final int MAX_TRACKED = 100_000;

  private final Map<TaskId, Tracked> tracked = new ConcurrentHashMap<>();
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final Subscription subscription;

  /** Starts listening to the manager's events; meters appear once bound to a registry. */
  public TaskportMetrics(TaskManager taskManager) {
    this.subscription = taskManager.subscribeAll(this::onEvent);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    Gauge.builder("taskport.tasks.pending", this, m -> m.count(TaskStatus.PENDING))
        .description("Tasks waiting for a worker, as far as this node has seen")
        .register(registry);
    Gauge.builder("taskport.tasks.running", this, m -> m.count(TaskStatus.RUNNING))
        .description("Tasks running, as far as this node has seen")
        .register(registry);
  }

  private double count(TaskStatus status) {
    return tracked.values().stream().filter(t -> t.status == status).count();
  }

  private void onEvent(TaskEvent e) {
    if (e.status().isTerminal()) {
      Tracked t = tracked.remove(e.taskId());
      for (MeterRegistry r : registries) {
        String status = e.status().name();
        r.counter("taskport.tasks.finished", "type", e.type(), "status", status).increment();
        if (t != null && t.runningSince != null) {
          Timer.builder("taskport.tasks.duration")
              .description("Time from start to end of a task's last attempt")
              .tags("type", e.type(), "status", status)
              .register(r)
              .record(nonNegative(Duration.between(t.runningSince, e.at())));
        }
      }
      return;
    }
    Tracked t = tracked.get(e.taskId());
    if (t == null) {
      if (tracked.size() >= MAX_TRACKED) {
        return;
      }
      t = new Tracked();
      tracked.put(e.taskId(), t);
      if (e.status() == TaskStatus.PENDING) {
        for (MeterRegistry r : registries) {
          r.counter("taskport.tasks.submitted", "type", e.type()).increment();
        }
      }
    }
    t.status = e.status();
    if (e.status() == TaskStatus.RUNNING && t.runningSince == null) {
      t.runningSince = e.at();
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Stops listening. */
  @Override
  public void close() {
    subscription.close();
  }

  /** What this node last saw of one unfinished task; written on the one events thread. */
  private static final class Tracked {
    volatile TaskStatus status = TaskStatus.PENDING;
    volatile @Nullable Instant runningSince;
  }
}
