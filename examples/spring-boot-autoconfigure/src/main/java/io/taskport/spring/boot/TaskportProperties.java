package io.taskport.spring.boot;

import io.taskport.LinkSigner;
import io.taskport.TaskManagerBuilder;
import io.taskport.format.Limits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
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

  /** The largest upload an import accepts. */
  private DataSize maxUploadSize = DataSize.ofBytes(Limits.DEFAULT_MAX_BYTES);

  private final Files files = new Files();
  private final Link link = new Link();
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
  public Link getLink() {
    return link;
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
    /** Directory of the local file store; a new temporary directory per start when unset. */
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

  /** Settings of signed download links. */
  public static class Link {
    /**
     * Single-key shorthand: a secret of at least 32 bytes (UTF-8), used as key id {@code
     * default}. Leave unset when {@code keys} are given. When neither is set, a random key is made
     * at startup: links then stop working on restart and on other nodes.
     */
    private @Nullable String secret;

    /**
     * Signing keys by key id (the {@code kid} carried in links): each with a secret and whether it
     * is retired. Links signed with any key that is not retired are accepted.
     */
    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** Id of the key that signs new links; optional when only one key is active. */
    private @Nullable String currentKey;

    /** How long a signed download link is valid; at most {@code max-ttl}. */
    private Duration ttl = Duration.ofMinutes(5);

    /** The longest lifetime a link may be issued with. */
    private Duration maxTtl = LinkSigner.DEFAULT_MAX_TTL;

    /** Tolerance for clock differences between nodes when judging a link's expiry. */
    private Duration skew = LinkSigner.DEFAULT_SKEW;

    /** Returns the single-key secret, or {@code null}. */
    public @Nullable String getSecret() {
      return secret;
    }

    /** Sets the single-key secret. */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /** Returns the keys by id. */
    public Map<String, Key> getKeys() {
      return keys;
    }

    /** Returns the id of the signing key, or {@code null} to take the only active one. */
    public @Nullable String getCurrentKey() {
      return currentKey;
    }

    /** Sets the id of the signing key. */
    public void setCurrentKey(@Nullable String currentKey) {
      this.currentKey = currentKey;
    }

    /** Returns the link lifetime. */
    public Duration getTtl() {
      return ttl;
    }

    /** Sets the link lifetime. */
    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    /** Returns the longest link lifetime. */
    public Duration getMaxTtl() {
      return maxTtl;
    }

    /** Sets the longest link lifetime. */
    public void setMaxTtl(Duration maxTtl) {
      this.maxTtl = maxTtl;
    }

    /** Returns the clock-skew tolerance. */
    public Duration getSkew() {
      return skew;
    }

    /** Sets the clock-skew tolerance. */
    public void setSkew(Duration skew) {
      this.skew = skew;
    }

    @Override
    public String toString() {
      return "Link[secret="
          + (secret == null ? "unset" : "***")
          + ", keys="
          + keys
          + ", currentKey="
          + currentKey
          + ", ttl="
          + ttl
          + "]";
    }
  }

  /** One link-signing key. */
  public static class Key {
    /** Secret of at least 32 bytes (UTF-8). */
    private @Nullable String secret;

    /** Whether links signed with this key are refused; keep it listed to document the rotation. */
    private boolean retired;

    /** Returns the secret. */
    public @Nullable String getSecret() {
      return secret;
    }

    /** Sets the secret. */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /** Returns whether the key is retired. */
    public boolean isRetired() {
      return retired;
    }

    /** Sets whether the key is retired. */
    public void setRetired(boolean retired) {
      this.retired = retired;
    }

    @Override
    public String toString() {
      return "Key[secret=***, retired=" + retired + "]";
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

    /** Prefix of the table and index names, such as {@code app_}. */
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
