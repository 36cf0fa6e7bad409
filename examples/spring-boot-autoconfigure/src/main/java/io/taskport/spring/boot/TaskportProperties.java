package io.taskport.spring.boot;

import io.taskport.TaskManagerBuilder;
import io.taskport.format.Limits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the auto-configured {@link io.taskport.TaskManager}, bound from {@code taskport.*}.
 * Defaults are those of {@link TaskManagerBuilder}.
 */
@ConfigurationProperties(prefix = "taskport")
public class TaskportProperties {
  /** Whether to auto-configure Taskport. */
  private boolean enabled = true;

  /**
   * Where tasks live. AUTO picks Redis when a UnifiedJedis bean exists, else JDBC when a
   * DataSource bean exists (each only with its store module on the class path), else memory.
   */
  private StoreType store = StoreType.AUTO;

  /** Concurrent tasks on this node; 0 makes a submit-only node. */
  private int workers = TaskManagerBuilder.DEFAULT_WORKERS;

  /** How long one attempt may run before it fails with TIMEOUT. */
  private Duration taskTimeout = TaskManagerBuilder.DEFAULT_TASK_TIMEOUT;

  /** How long finished tasks and their files are kept. */
  private Duration retention = TaskManagerBuilder.DEFAULT_RETENTION;

  /** How many times a task is tried before it fails for good. */
  private int maxAttempts = TaskManagerBuilder.DEFAULT_MAX_ATTEMPTS;

  /** How long a worker's hold on a task lasts unless renewed. */
  private Duration lease = TaskManagerBuilder.DEFAULT_LEASE;

  /** How long shutdown waits for running tasks before handing them back. */
  private Duration drainTimeout = TaskManagerBuilder.DEFAULT_DRAIN_TIMEOUT;

  /** How often an idle node looks for due tasks submitted on other nodes. */
  private Duration pollInterval = TaskManagerBuilder.DEFAULT_POLL_INTERVAL;

  /** How often this node looks for tasks whose worker died. */
  private Duration sweepInterval = TaskManagerBuilder.DEFAULT_SWEEP_INTERVAL;

  /** How often leases are renewed; a third of the lease when unset, at most half of it. */
  private @Nullable Duration heartbeatInterval;

  /** How often a running task's progress is saved and published; shorter is smoother. */
  private Duration progressInterval = TaskManagerBuilder.DEFAULT_PROGRESS_INTERVAL;

  /** The delay before the first retry of a failed attempt; delays double up to max-retry-delay. */
  private Duration retryDelay = TaskManagerBuilder.DEFAULT_RETRY_DELAY;

  /** The longest delay between two attempts. */
  private Duration maxRetryDelay = TaskManagerBuilder.DEFAULT_MAX_RETRY_DELAY;

  /** The most tasks of a type this node runs at once, by type name; below workers. */
  private final Map<String, Integer> typeLimits = new LinkedHashMap<>();

  /** This node's worker id; unique per start when unset. */
  private @Nullable String workerId;

  /** The largest upload an import accepts. */
  private DataSize maxUploadSize = DataSize.ofBytes(Limits.DEFAULT_MAX_BYTES);

  private final Files files = new Files();
  @NestedConfigurationProperty private final LinkProperties link = new LinkProperties();

  @NestedConfigurationProperty private final FormatProperties format = new FormatProperties();

  @NestedConfigurationProperty
  private final SchedulingProperties scheduling = new SchedulingProperties();
  private final Redis redis = new Redis();
  private final Jdbc jdbc = new Jdbc();

  /** Returns whether Taskport is auto-configured. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets whether Taskport is auto-configured. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Returns the store selection. */
  public StoreType getStore() {
    return store;
  }

  /** Sets the store selection. */
  public void setStore(StoreType store) {
    this.store = store;
  }

  /** Returns the number of concurrent tasks on this node. */
  public int getWorkers() {
    return workers;
  }

  /** Sets the number of concurrent tasks on this node. */
  public void setWorkers(int workers) {
    this.workers = workers;
  }

  /** Returns the task timeout. */
  public Duration getTaskTimeout() {
    return taskTimeout;
  }

  /** Sets the task timeout. */
  public void setTaskTimeout(Duration taskTimeout) {
    this.taskTimeout = taskTimeout;
  }

  /** Returns the retention of finished tasks. */
  public Duration getRetention() {
    return retention;
  }

  /** Sets the retention of finished tasks. */
  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  /** Returns the maximum number of attempts. */
  public int getMaxAttempts() {
    return maxAttempts;
  }

  /** Sets the maximum number of attempts. */
  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  /** Returns the lease duration. */
  public Duration getLease() {
    return lease;
  }

  /** Sets the lease duration. */
  public void setLease(Duration lease) {
    this.lease = lease;
  }

  /** Returns the drain timeout. */
  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  /** Sets the drain timeout. */
  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  /** Returns the poll interval. */
  public Duration getPollInterval() {
    return pollInterval;
  }

  /** Sets the poll interval. */
  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** Returns the sweep interval. */
  public Duration getSweepInterval() {
    return sweepInterval;
  }

  /** Sets the sweep interval. */
  public void setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = sweepInterval;
  }

  /** Returns the heartbeat interval, or null for a third of the lease. */
  public @Nullable Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Sets the heartbeat interval, or null for a third of the lease. */
  public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
  }

  /** Returns how often a running task's progress is saved. */
  public Duration getProgressInterval() {
    return progressInterval;
  }

  /** Sets how often a running task's progress is saved. */
  public void setProgressInterval(Duration progressInterval) {
    this.progressInterval = progressInterval;
  }

  /** Returns the first retry delay. */
  public Duration getRetryDelay() {
    return retryDelay;
  }

  /** Sets the first retry delay. */
  public void setRetryDelay(Duration retryDelay) {
    this.retryDelay = retryDelay;
  }

  /** Returns the longest retry delay. */
  public Duration getMaxRetryDelay() {
    return maxRetryDelay;
  }

  /** Sets the longest retry delay. */
  public void setMaxRetryDelay(Duration maxRetryDelay) {
    this.maxRetryDelay = maxRetryDelay;
  }

  /** Returns the concurrency limits by task type. */
  public Map<String, Integer> getTypeLimits() {
    return typeLimits;
  }

  /** Returns this node's worker id, or null for a generated one. */
  public @Nullable String getWorkerId() {
    return workerId;
  }

  /** Sets this node's worker id, or null for a generated one. */
  public void setWorkerId(@Nullable String workerId) {
    this.workerId = workerId;
  }

  /** Returns the largest accepted upload. */
  public DataSize getMaxUploadSize() {
    return maxUploadSize;
  }

  /** Sets the largest accepted upload. */
  public void setMaxUploadSize(DataSize maxUploadSize) {
    this.maxUploadSize = maxUploadSize;
  }

  /** Returns the file store settings. */
  public Files getFiles() {
    return files;
  }

  /** Returns the download link settings. */
  public LinkProperties getLink() {
    return link;
  }

  /** Returns the settings of file formats and reader limits. */
  public FormatProperties getFormat() {
    return format;
  }

  /** Returns the scheduling rules: per-owner caps, fairness, priorities, cluster limits. */
  public SchedulingProperties getScheduling() {
    return scheduling;
  }

  /** Returns the Redis store settings. */
  public Redis getRedis() {
    return redis;
  }

  /** Returns the JDBC store settings. */
  public Jdbc getJdbc() {
    return jdbc;
  }

  /** Which {@link io.taskport.store.TaskStore} to create. */
  public enum StoreType {
    /** Redis if a UnifiedJedis bean exists, else JDBC if a DataSource bean exists, else memory. */
    AUTO,
    /** The in-memory store: one JVM, tasks lost on exit. */
    MEMORY,
    /** The Redis store, on the application's UnifiedJedis bean or on {@code taskport.redis.url}. */
    REDIS,
    /** The JDBC store on the application's DataSource bean. */
    JDBC
  }

  /** Settings of the local file store. */
  public static class Files {
    /**
     * Directory of the local file store, shared by every node. When unset: with the JDBC store,
     * files are kept in the database; with the in-memory store, in a new temporary directory per
     * start; with the Redis store, the application does not start.
     */
    private @Nullable Path dir;

    /** Returns the directory, or {@code null} for a temporary one. */
    public @Nullable Path getDir() {
      return dir;
    }

    /** Sets the directory. */
    public void setDir(@Nullable Path dir) {
      this.dir = dir;
    }
  }

  /** Settings of the Redis store. */
  public static class Redis {
    /** Server the store connects to when the application has no UnifiedJedis bean. */
    private URI url = URI.create("redis://localhost:6379");

    /** Key prefix; stores with different prefixes on one Redis are independent. */
    private String prefix = "taskport";

    /** Returns the server URL. */
    public URI getUrl() {
      return url;
    }

    /** Sets the server URL. */
    public void setUrl(URI url) {
      this.url = url;
    }

    /** Returns the key prefix. */
    public String getPrefix() {
      return prefix;
    }

    /** Sets the key prefix. */
    public void setPrefix(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Settings of the JDBC store. */
  public static class Jdbc {
    /** Whether to create the table if it is missing; off when migrations own the schema. */
    private boolean createSchema;

    /** Prefix of the table and index names, such as app_. */
    private String tablePrefix = "";

    /** Returns whether the schema is created. */
    public boolean isCreateSchema() {
      return createSchema;
    }

    /** Sets whether the schema is created. */
    public void setCreateSchema(boolean createSchema) {
      this.createSchema = createSchema;
    }

    /** Returns the table prefix. */
    public String getTablePrefix() {
      return tablePrefix;
    }

    /** Sets the table prefix. */
    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }
  }
}
