package io.taskport;

import static java.util.Objects.requireNonNull;

import io.taskport.file.FileStore;
import io.taskport.format.FormatOptions;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.ImportHandler;
import io.taskport.internal.SchedulingRules;
import io.taskport.internal.Settings;
import io.taskport.internal.TaskEngine;
import io.taskport.store.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link TaskManager}. Each option checks its value at once; {@link #build()} checks
 * what is missing and logs the resolved settings once. Not thread-safe.
 */
public final class TaskManagerBuilder {
  /** Concurrent tasks per node: 4. */
  public static final int DEFAULT_WORKERS = 4;

  /** A task still running after 30 minutes fails with {@link TaskError#TIMEOUT}. */
  public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofMinutes(30);

  /** Finished tasks and their files are kept 7 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** A worker's hold on a task lasts 30 seconds unless renewed. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /** An idle node looks for due tasks every half second. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

  /** Expired leases are looked for every 10 seconds. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(10);

  /** A task is tried at most 3 times. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** The first retry waits 5 seconds; each later one twice as long, plus or minus 20%. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(5);

  /** No retry waits longer than 5 minutes. */
  public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(5);

  /** On close, running tasks get 30 seconds to finish before they are handed back. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** How often a running task's progress is saved, by default. */
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private @Nullable TaskStore store;
  private @Nullable FileStore files;
  private int workers = DEFAULT_WORKERS;
  private @Nullable Executor executor;
  private Clock clock = Clock.systemUTC();
  private Duration taskTimeout = DEFAULT_TASK_TIMEOUT;
  private Duration retention = DEFAULT_RETENTION;
  private Duration lease = DEFAULT_LEASE;
  private @Nullable Duration heartbeatInterval;
  private Duration pollInterval = DEFAULT_POLL_INTERVAL;
  private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  private Duration retryDelay = DEFAULT_RETRY_DELAY;
  private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
  private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
  private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
  private FormatOptions formatOptions = FormatOptions.defaults();
  private @Nullable String workerId;
  private final Map<String, Integer> typeLimits = new LinkedHashMap<>();
  private final Map<String, ExportHandler<?, ?>> exports = new LinkedHashMap<>();
  private final Map<String, ImportHandler<?, ?>> imports = new LinkedHashMap<>();
  private final Map<String, TabularFormat> formats = new LinkedHashMap<>();
  private final SchedulingRules.Builder scheduling = new SchedulingRules.Builder();

  TaskManagerBuilder() {}

  /** Sets where tasks live. Required. */
  public TaskManagerBuilder store(TaskStore store) {
    this.store = requireNonNull(store, "store");
    return this;
  }

  /** Sets where uploads, results and error reports live. Required. */
  public TaskManagerBuilder files(FileStore files) {
    this.files = requireNonNull(files, "files");
    return this;
  }

  /**
   * Sets how many tasks this node runs at once; 0 makes a submit-only node, such as a web tier
   * that leaves the work to others. Default {@value #DEFAULT_WORKERS}.
   */
  public TaskManagerBuilder workers(int workers) {
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be >= 0, was " + workers);
    }
    this.workers = workers;
    return this;
  }

  /**
   * Sets the executor that runs handlers; the caller keeps ownership and shuts it down. Virtual
   * threads are welcome: concurrency is bounded by {@link #workers(int)}, not by the executor.
   * By default the manager creates threads named {@code taskport-worker-N}.
   */
  public TaskManagerBuilder executor(Executor executor) {
    this.executor = requireNonNull(executor, "executor");
    return this;
  }

  /** Sets the clock for local time decisions (timeouts, heartbeat cadence); UTC by default. */
  public TaskManagerBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /** Sets how long one attempt may run before it fails with {@code TIMEOUT}. */
  public TaskManagerBuilder taskTimeout(Duration taskTimeout) {
    this.taskTimeout = positive("taskTimeout", taskTimeout);
    return this;
  }

  /** Sets how long finished tasks and their files are kept. */
  public TaskManagerBuilder retention(Duration retention) {
    requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must be >= 0, was " + retention);
    }
    this.retention = retention;
    return this;
  }

  /** Sets how long a worker's hold on a task lasts unless renewed. */
  public TaskManagerBuilder lease(Duration lease) {
    this.lease = positive("lease", lease);
    return this;
  }

  /** Sets how often leases are renewed; a third of the lease by default, at most half of it. */
  public TaskManagerBuilder heartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = positive("heartbeatInterval", heartbeatInterval);
    return this;
  }

  /**
   * Sets how often a running task's progress is saved to the store and published to subscribers
   * (1 s by default): shorter makes progress bars smoother and costs one store write per task per
   * interval.
   */
  public TaskManagerBuilder progressInterval(Duration progressInterval) {
    this.progressInterval = positive("progressInterval", progressInterval);
    return this;
  }

  /** Sets how often an idle node looks for due tasks submitted on other nodes. */
  public TaskManagerBuilder pollInterval(Duration pollInterval) {
    this.pollInterval = positive("pollInterval", pollInterval);
    return this;
  }

  /** Sets how often this node looks for tasks whose worker died. */
  public TaskManagerBuilder sweepInterval(Duration sweepInterval) {
    this.sweepInterval = positive("sweepInterval", sweepInterval);
    return this;
  }

  /** Sets how many times a task is tried before it fails for good. */
  public TaskManagerBuilder maxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** Sets the first retry delay and the longest; delays double in between, with 20% jitter. */
  public TaskManagerBuilder retryDelay(Duration first, Duration max) {
    positive("retryDelay", first);
    positive("maxRetryDelay", max);
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "max retry delay " + max + " must be >= first retry delay " + first);
    }
    this.retryDelay = first;
    this.maxRetryDelay = max;
    return this;
  }

  /** Sets how long {@code close()} waits for running tasks before handing them back. */
  public TaskManagerBuilder drainTimeout(Duration drainTimeout) {
    requireNonNull(drainTimeout, "drainTimeout");
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout must be >= 0, was " + drainTimeout);
    }
    this.drainTimeout = drainTimeout;
    return this;
  }

  /** Limits how many tasks of one type this node runs at once, below {@code workers}. */
  public TaskManagerBuilder typeLimit(String type, int max) {
    requireNonNull(type, "type");
    if (max < 1) {
      throw new IllegalArgumentException("limit for type " + type + " must be >= 1, was " + max);
    }
    typeLimits.put(type, max);
    return this;
  }

  /**
   * Caps the tasks one owner may have PENDING or RUNNING at once, over all types: a submit beyond
   * it throws {@link TooManyTasksException}, or waits with {@link #queueBeyondOwnerCap}. The
   * store checks it atomically with de-duplication. No cap by default.
   */
  public TaskManagerBuilder maxActivePerOwner(int max) {
    scheduling.maxActivePerOwner(max);
    return this;
  }

  /** Caps the tasks of any one type one owner may have PENDING or RUNNING, as above. */
  public TaskManagerBuilder maxActivePerOwnerOfType(int max) {
    scheduling.maxActivePerOwnerOfType(max);
    return this;
  }

  /**
   * Makes a submit beyond a per-owner cap wait instead of being refused: the task is created, and
   * claims hold the owner to the cap in RUNNING tasks. Off by default.
   */
  public TaskManagerBuilder queueBeyondOwnerCap(boolean queue) {
    scheduling.queueBeyondCap(queue);
    return this;
  }

  /**
   * Claims due tasks round-robin by owner, or by the fairness key a request sets, so that one
   * owner's backlog does not hold up the others. Off by default (plain due and priority order).
   */
  public TaskManagerBuilder fairClaiming(boolean fair) {
    scheduling.fair(fair);
    return this;
  }

  /**
   * Sets how long a waiting task takes to make up one priority level (5 minutes by default): a
   * task of priority 3 is claimed before one of priority 2 unless the latter has waited that much
   * longer.
   */
  public TaskManagerBuilder priorityAgeing(Duration perLevel) {
    scheduling.ageing(perLevel);
    return this;
  }

  /**
   * Limits how many tasks of one type run at once across every node of the cluster; the store
   * enforces it at claim time, counting RUNNING tasks, so a killed worker's slot comes back with
   * lease recovery.
   */
  public TaskManagerBuilder clusterTypeLimit(String type, int max) {
    scheduling.clusterLimit(type, max);
    return this;
  }

  /** Limits how many tasks of one type start per minute across the cluster. */
  public TaskManagerBuilder typeRate(String type, int startsPerMinute) {
    scheduling.startsPerMinute(type, startsPerMinute);
    return this;
  }

  /** Sets the options of files written and read, such as CSV charset and reader limits. */
  public TaskManagerBuilder formatOptions(FormatOptions options) {
    this.formatOptions = requireNonNull(options, "options");
    return this;
  }

  /** Sets this node's worker id; unique per manager instance by default. */
  public TaskManagerBuilder workerId(String workerId) {
    requireNonNull(workerId, "workerId");
    if (workerId.isBlank() || workerId.length() > 100) {
      throw new IllegalArgumentException("workerId must be 1 to 100 characters");
    }
    this.workerId = workerId;
    return this;
  }

  /**
   * Registers an export handler under its type.
   *
   * @throws IllegalStateException if an export of the same type is registered
   */
  public TaskManagerBuilder export(ExportHandler<?, ?> handler) {
    requireNonNull(handler, "handler");
    if (exports.putIfAbsent(requireNonNull(handler.type(), "type"), handler) != null) {
      throw new IllegalStateException("export type " + handler.type() + " is already registered");
    }
    return this;
  }

  /**
   * Registers an import handler under its type.
   *
   * @throws IllegalStateException if an import of the same type is registered
   */
  public TaskManagerBuilder importer(ImportHandler<?, ?> handler) {
    requireNonNull(handler, "handler");
    if (imports.putIfAbsent(requireNonNull(handler.type(), "type"), handler) != null) {
      throw new IllegalStateException("import type " + handler.type() + " is already registered");
    }
    return this;
  }

  /**
   * Registers a file format under its name; formats on the class path that are not registered
   * are found with {@link ServiceLoader}.
   *
   * @throws IllegalStateException if a format of the same name is registered
   */
  public TaskManagerBuilder format(TabularFormat format) {
    requireNonNull(format, "format");
    if (formats.putIfAbsent(format.name(), format) != null) {
      throw new IllegalStateException("format " + format.name() + " is already registered");
    }
    return this;
  }

  /**
   * Builds the manager; call {@link TaskManager#start()} to start working.
   *
   * @throws IllegalStateException if the store or file store is missing, or settings conflict
   */
  public TaskManager build() {
    if (store == null) {
      throw new IllegalStateException("store is required");
    }
    if (files == null) {
      throw new IllegalStateException("files is required");
    }
    Duration hb = heartbeatInterval != null ? heartbeatInterval : lease.dividedBy(3);
    if (hb.compareTo(lease.dividedBy(2)) > 0) {
      throw new IllegalStateException(
          "heartbeatInterval " + hb + " must be at most half the lease " + lease);
    }
    Map<String, TabularFormat> all = new LinkedHashMap<>(formats);
    for (TabularFormat f : ServiceLoader.load(TabularFormat.class)) {
      all.putIfAbsent(f.name(), f);
    }
    String id = workerId != null ? workerId : hostName() + "-" + UUID.randomUUID();
    SchedulingRules rules = scheduling.build();
    if (rules.needsStoreSupport() && !store.enforcesScheduling()) {
      throw new IllegalStateException(
          store.getClass().getSimpleName() + " does not enforce per-owner caps, fair claiming or"
              + " cluster-wide type limits; use a store that does or remove these settings");
    }
    Settings settings =
        new Settings(
            store,
            files,
            workers,
            executor,
            clock,
            taskTimeout,
            retention,
            lease,
            hb,
            pollInterval,
            sweepInterval,
            maxAttempts,
            retryDelay,
            maxRetryDelay,
            drainTimeout,
            progressInterval,
            formatOptions,
            id,
            Map.copyOf(typeLimits),
            Map.copyOf(exports),
            Map.copyOf(imports),
            Map.copyOf(all),
            rules);
    return new TaskEngine(settings);
  }

  private static Duration positive(String name, Duration d) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? "taskport" : host.replaceAll("[^A-Za-z0-9_.-]", "");
  }
}
