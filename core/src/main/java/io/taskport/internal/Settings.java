package io.taskport.internal;

import io.taskport.file.FileStore;
import io.taskport.format.FormatOptions;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.ImportHandler;
import io.taskport.store.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Everything a manager was built with, frozen. */
public record Settings(
    TaskStore store,
    FileStore files,
    int workers,
    @Nullable Executor executor,
    Clock clock,
    Duration taskTimeout,
    Duration retention,
    Duration lease,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration sweepInterval,
    int maxAttempts,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration drainTimeout,
    Duration progressInterval,
    FormatOptions formatOptions,
    String workerId,
    Map<String, Integer> typeLimits,
    Map<String, ExportHandler<?, ?>> exports,
    Map<String, ImportHandler<?, ?>> imports,
    Map<String, TabularFormat> formats,
    SchedulingRules scheduling) {

  /** Returns the settings as one log line; no secrets are part of them. */
  public String describe() {
    return "workers="
        + workers
        + ", executor="
        + (executor == null ? "own" : executor.getClass().getSimpleName())
        + ", store="
        + store
        + ", taskTimeout="
        + taskTimeout
        + ", retention="
        + retention
        + ", lease="
        + lease
        + ", heartbeat="
        + heartbeatInterval
        + ", poll="
        + pollInterval
        + ", sweep="
        + sweepInterval
        + ", maxAttempts="
        + maxAttempts
        + ", retryDelay="
        + retryDelay
        + ".."
        + maxRetryDelay
        + ", drain="
        + drainTimeout
        + ", progress="
        + progressInterval
        + ", typeLimits="
        + typeLimits
        + ", exports="
        + exports.keySet()
        + ", imports="
        + imports.keySet()
        + ", formats="
        + formats.keySet()
        + ", workerId="
        + workerId
        + ", scheduling="
        + scheduling;
  }
}
