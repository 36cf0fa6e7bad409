package io.taskport.jdbc;

import static io.taskport.jdbc.Args.checkLength;
import static io.taskport.jdbc.Args.checkLimit;
import static io.taskport.jdbc.Args.millis;
import static io.taskport.jdbc.Args.sorted;
import static java.util.Objects.requireNonNull;

import io.taskport.AdminQuery;
import io.taskport.OwnerCount;
import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.StoreException;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskCount;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskQuery;
import io.taskport.TaskResult;
import io.taskport.store.CancelOutcome;
import io.taskport.store.ClaimRules;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TaskStore} in one table, {@code taskport_task}, of PostgreSQL, MySQL 8, MariaDB 10.6+ or
 * H2, on plain JDBC.
 *
 * <p>Thread-safe. Every call borrows a connection from the {@link DataSource}, runs one statement
 * or one short transaction, and returns it; no connection or transaction is held while a handler
 * runs (on PostgreSQL, the listener of {@link #awaitWork} holds one connection while workers are
 * idle). Claims lock their rows with {@code FOR UPDATE SKIP LOCKED}; every later transition is an
 * {@code UPDATE} fenced by id, worker, attempt and status. Every instant is the database's own
 * (the statement's start on PostgreSQL, {@code CURRENT_TIMESTAMP(3)} on H2, {@code
 * UTC_TIMESTAMP(3)} on MySQL and MariaDB), so nodes whose clocks drift stay safe.
 *
 * <pre>{@code
 * TaskStore store =
 *     JdbcTaskStore.builder(dataSource).tablePrefix("app_").createSchema(true).build();
 * }</pre>
 */
public final class JdbcTaskStore implements TaskStore {
  private static final String DELETE = "DELETE FROM {task} WHERE id = ?";

  private final Jdbc jdbc;
  private final Sql sql;
  private final Reads reads;
  private final Claimer claimer;
  private final Transitions transitions;
  private final Transitions renewals;
  private final Sweeps sweeps;
  private final Admin admin;
  private final Gates gates;
  private final Inserts inserts;
  private final Wakeups wakeups;

  private JdbcTaskStore(
      DataSource dataSource,
      Sql sql,
      @Nullable DataSource listenSource,
      @Nullable DataSource heartbeatSource,
      long notifyGapNanos) {
    this.jdbc = new Jdbc(dataSource);
    this.sql = sql;
    this.reads = new Reads(jdbc, sql);
    this.transitions = new Transitions(jdbc, sql);
    this.renewals =
        heartbeatSource == null ? transitions : new Transitions(new Jdbc(heartbeatSource), sql);
    this.sweeps = new Sweeps(jdbc, sql, reads.rows());
    this.admin = new Admin(jdbc, sql, reads);
    this.gates = new Gates(jdbc, sql, reads);
    this.claimer = new Claimer(new Claims(jdbc, sql, reads), gates);
    this.inserts = new Inserts(jdbc, sql, reads, gates, new Creates(jdbc, sql, reads));
    this.wakeups = new Wakeups(jdbc, sql, reads, listenSource, notifyGapNanos);
  }

  /** Returns a builder of a store on the given data source, which the caller keeps and closes. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource"));
  }

  /** Returns the dialect in use. */
  public JdbcDialect dialect() {
    return sql.dialect();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException also if the owner or type is longer than 255 characters
   * @throws StoreException if the database fails
   */
  @Override
  public Submission create(NewTask n) {
    requireNonNull(n, "task");
    checkLength("owner", n.owner());
    checkLength("type", n.type());
    Submission s = inserts.create(n);
    if (s.created()) {
      madeDue();
    }
    return s;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Tasks without per-owner caps are created in one transaction: one look-up of active twins,
   * one query per fairness key and per type for the fair turns, then per chunk of up to {@value
   * Creates#CHUNK} one multi-row insert that returns the rows (PostgreSQL, MariaDB), or a batch and
   * a read-back. If a concurrent submit takes a dedup key meanwhile, the transaction is rolled back
   * and the tasks are created one by one, as is a list with capped tasks (under the owner's gate).
   *
   * @throws IllegalArgumentException also if an owner or type is longer than 255 characters
   * @throws StoreException if the database fails
   */
  @Override
  public List<Submission> createAll(List<NewTask> tasks) {
    requireNonNull(tasks, "tasks");
    boolean capped = false;
    for (NewTask n : tasks) {
      requireNonNull(n, "task");
      checkLength("owner", n.owner());
      checkLength("type", n.type());
      capped |= Inserts.capped(n);
    }
    Creates.checkDistinctIds(tasks);
    if (tasks.isEmpty()) {
      return List.of();
    }
    Optional<List<Submission>> created = capped ? Optional.empty() : inserts.createAll(tasks);
    if (created.isEmpty()) {
      // capped, or a concurrent submit took a dedup key of the list: one by one
      return TaskStore.super.createAll(tasks);
    }
    if (created.get().stream().anyMatch(Submission::created)) {
      madeDue();
    }
    return created.get();
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public Optional<Task> get(TaskId id) {
    return reads.get(requireNonNull(id, "id"));
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public Page<Task> list(TaskQuery query) {
    return reads.list(requireNonNull(query, "query"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One short transaction whatever {@code max}: on PostgreSQL a single statement, elsewhere a
   * {@code SELECT ... FOR UPDATE SKIP LOCKED LIMIT max}, one set-based {@code UPDATE} and one
   * read.
   *
   * @throws IllegalArgumentException if {@code types} is empty, the lease is negative or {@code
   *     max} is below 1
   * @throws StoreException if the database fails
   */
  @Override
  public List<Task> claim(String workerId, Set<String> types, Duration lease, int max) {
    return claim(workerId, types, lease, max, ClaimRules.NONE);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Without limits, the claim is the same single statement (or short transaction) as without
   * rules, ordered by fair turn and rank when fair ({@code taskport_task_fair_idx}), else by rank
   * ({@code taskport_task_rank_idx}). With limits, the claim locks the {@code taskport_gate} rows
   * of its limited types first, counts their RUNNING tasks and stamps what fits.
   *
   * @throws StoreException if the database fails
   */
  @Override
  public List<Task> claim(
      String workerId, Set<String> types, Duration lease, int max, ClaimRules rules) {
    requireNonNull(workerId, "workerId");
    requireNonNull(rules, "rules");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    List<String> typeList = sorted(types);
    return claimer.claim(workerId, typeList, millis("lease", lease), max, rules);
  }

  /** {@inheritDoc} Every dialect does. */
  @Override
  public boolean enforcesScheduling() {
    return true;
  }

  /** {@inheritDoc} One {@code GROUP BY}. @throws StoreException if the database fails */
  @Override
  public List<OwnerCount> activeOwners(int limit) {
    return gates.activeOwners(checkLimit(limit));
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, Duration lease) {
    requireNonNull(fence, "fence");
    requireNonNull(progress, "progress");
    return renewals.heartbeat(fence, progress, checkpoint, millis("lease", lease));
  }

  /** {@inheritDoc} One fenced {@code UPDATE}. @throws StoreException if the database fails */
  @Override
  public boolean complete(Fence fence, TaskResult result, Progress progress) {
    return transitions.complete(
        requireNonNull(fence, "fence"),
        requireNonNull(result, "result"),
        requireNonNull(progress, "progress"));
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public boolean fail(Fence fence, TaskError error, @Nullable Duration retryAfter) {
    requireNonNull(fence, "fence");
    requireNonNull(error, "error");
    Long retry = retryAfter == null ? null : millis("retryAfter", retryAfter);
    boolean failed = transitions.fail(fence, error, retry);
    if (failed && retry != null) {
      madeDue();
    }
    return failed;
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public boolean cancelled(Fence fence) {
    return transitions.cancelled(requireNonNull(fence, "fence"));
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public boolean release(Fence fence) {
    boolean released = transitions.release(requireNonNull(fence, "fence"));
    if (released) {
      madeDue();
    }
    return released;
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public CancelOutcome requestCancel(TaskId id) {
    return transitions.requestCancel(requireNonNull(id, "id"));
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public boolean delete(TaskId id) {
    String op = "delete " + id;
    return Jdbc.one(op, jdbc.update(op, sql.of(DELETE), ps -> ps.setString(1, id.value())));
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public List<Task> recoverExpiredLeases(int limit) {
    List<Task> recovered = sweeps.recoverExpiredLeases(checkLimit(limit));
    if (!recovered.isEmpty()) {
      madeDue();
    }
    return recovered;
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public List<Task> purgeExpired(int limit) {
    return sweeps.purgeExpired(checkLimit(limit));
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public Page<Task> listAll(AdminQuery query) {
    return admin.list(requireNonNull(query, "query"));
  }

  /** {@inheritDoc} One {@code GROUP BY}. @throws StoreException if the database fails */
  @Override
  public List<TaskCount> counts() {
    return admin.counts();
  }

  /** {@inheritDoc} @throws StoreException if the database fails */
  @Override
  public boolean retry(TaskId id, int attempts) {
    requireNonNull(id, "id");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
    boolean retried = admin.retry(id, attempts);
    if (retried) {
      madeDue();
    }
    return retried;
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: the conditional update of the check locks its row, so a second confirm
   * waits and then finds it confirmed; the load is inserted (under the owner's gate when capped)
   * before the commit, and a refused insert rolls the mark back.
   *
   * @throws StoreException if the database fails
   */
  @Override
  public Optional<Task> confirm(TaskId check, NewTask load) {
    requireNonNull(check, "check");
    requireNonNull(load, "load");
    if (load.dedupKey() != null) {
      throw new IllegalArgumentException("the load of a check takes no dedup key");
    }
    checkLength("owner", load.owner());
    checkLength("type", load.type());
    Optional<Task> created = inserts.confirm(check, load);
    if (created.isPresent()) {
      madeDue();
    }
    return created;
  }

  /**
   * Waits, on PostgreSQL, until a PENDING task of one of the given types may be due: returns at
   * once if one is due now, else when any node creates, retries, releases or recovers a task
   * (each store sends a {@code NOTIFY} after it did, and a listener of this store {@code LISTEN}s),
   * when the earliest pending task falls due by the database's clock, or after {@code maxWait}.
   *
   * <p>The listener holds one connection of the {@linkplain Builder#listenDataSource listen data
   * source} (by default the store's) while a thread waits here and for two seconds after the last
   * one left. On other databases, with {@linkplain Builder#listen listening} off, or while the
   * listening connection cannot be opened, returns {@code false} at once and the caller polls.
   *
   * @return {@code true} if it waited, {@code false} if it cannot wait now
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws IllegalArgumentException if {@code types} is empty or {@code maxWait} is negative
   * @throws StoreException if the database fails
   */
  @Override
  public boolean awaitWork(Set<String> types, Duration maxWait) throws InterruptedException {
    List<String> sortedTypes = sorted(types);
    millis("maxWait", maxWait);
    return wakeups.awaitWork(sortedTypes, maxWait);
  }

  /** How many threads wait for a notification now; for tests. */
  int waiting() {
    return wakeups.waiting();
  }

  /** Whether this store has a NOTIFY requested or in flight; for tests. */
  boolean notifying() {
    return wakeups.notifying();
  }

  /** Whether this store's listener holds a connection now; for tests. */
  boolean listening() {
    return wakeups.listening();
  }

  /** Stops the listener, which gives its connection back; the data source stays open. */
  @Override
  public void close() {
    wakeups.close();
  }

  /** Renders this store's statements; for tests. */
  Sql sql() {
    return sql;
  }

  /** Returns the database's current time, the clock every lease is judged by. */
  Instant databaseNow() {
    return reads.now();
  }

  private void madeDue() {
    wakeups.madeDue();
  }

  @Override
  public String toString() {
    return "JdbcTaskStore[" + sql.dialect().name() + ", " + sql.table("taskport_task") + "]";
  }

  /** Builds a {@link JdbcTaskStore}. Not thread-safe. */
  public static final class Builder {
    /** The default table prefix: none. */
    public static final String DEFAULT_TABLE_PREFIX = "";

    /** By default the schema is not created: the application's migrations own it. */
    public static final boolean DEFAULT_CREATE_SCHEMA = false;

    /** By default idle workers on PostgreSQL wait with {@code LISTEN} instead of polling. */
    public static final boolean DEFAULT_LISTEN = true;

    private final DataSource dataSource;
    private @Nullable JdbcDialect dialect;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private boolean createSchema = DEFAULT_CREATE_SCHEMA;
    private boolean listen = DEFAULT_LISTEN;
    private @Nullable DataSource listenDataSource;
    private @Nullable DataSource heartbeatDataSource;
    private long notifyGapNanos = PgNotifier.GAP_NANOS;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** Sets the dialect; by default it is detected from the database on {@link #build()}. */
    public Builder dialect(JdbcDialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Sets a prefix for the table and index names, such as {@code app_} for {@code
     * app_taskport_task}.
     *
     * @throws IllegalArgumentException unless empty or {@code [a-z][a-z0-9_]{0,29}}
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = Sql.checkPrefix(requireNonNull(tablePrefix, "tablePrefix"));
      return this;
    }

    /** Sets whether {@link #build()} creates the table and its indexes if they are missing. */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * Sets whether {@link JdbcTaskStore#awaitWork} waits for {@code NOTIFY} on PostgreSQL; when
     * off, it returns {@code false} and idle workers poll. The store sends {@code NOTIFY} either
     * way, for other nodes that listen. Ignored on other databases.
     */
    public Builder listen(boolean listen) {
      this.listen = listen;
      return this;
    }

    /**
     * Sets where the listening connection comes from, such as an unpooled data source, so that it
     * never takes a connection of the store's pool; by default the store's own data source. The
     * store borrows one connection while workers are idle and closes it after.
     */
    public Builder listenDataSource(DataSource listenDataSource) {
      this.listenDataSource = requireNonNull(listenDataSource, "listenDataSource");
      return this;
    }

    /**
     * Sets where heartbeats (lease renewals) get their connections, such as a small pool of their
     * own, so that handlers holding the application's connections can never starve them into a
     * false lease expiry; by default the store's own data source.
     */
    public Builder heartbeatDataSource(DataSource heartbeatDataSource) {
      this.heartbeatDataSource = requireNonNull(heartbeatDataSource, "heartbeatDataSource");
      return this;
    }

    /** Sets the least time between two notifications of this store; for tests. */
    Builder notifyGap(Duration gap) {
      this.notifyGapNanos = gap.toNanos();
      return this;
    }

    /**
     * Builds the store, detecting the dialect and creating the schema if asked to.
     *
     * @throws IllegalArgumentException if the database is not supported
     * @throws StoreException if the database cannot be reached or the schema not created
     */
    public JdbcTaskStore build() {
      Dialect d = (Dialect) (dialect != null ? dialect : JdbcDialect.detect(dataSource));
      Sql sql = new Sql(d, tablePrefix);
      if (createSchema) {
        Schema.create(dataSource, sql, Schema.TASK_FILES.toArray(String[]::new));
      }
      DataSource listenSource = null;
      if (listen && d.notifies()) {
        listenSource = listenDataSource != null ? listenDataSource : dataSource;
      }
      return new JdbcTaskStore(dataSource, sql, listenSource, heartbeatDataSource, notifyGapNanos);
    }
  }
}
