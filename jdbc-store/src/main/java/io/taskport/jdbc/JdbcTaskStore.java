package io.taskport.jdbc;

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
import io.taskport.store.Scheduling;
import io.taskport.store.TaskStore;
import java.sql.Connection;
import java.sql.SQLException;
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
  private static final String INSERT =
      """
      INSERT INTO {task} (id, kind, type, owner, format, params, dedup_key, active_key,
          input_key, input_name, input_size, input_type, status, progress_done, progress_total,
          attempt, max_attempts, cancel_requested, created_at, due_at, retention_ms, locale,
          check_only, priority, priority_lead_ms, fair_key, max_active, max_active_type, rank_at,
          fair_turn)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, -1, 0, ?, FALSE, {now}, {now}, ?,
          ?, ?, ?, ?, ?, ?, ?, {now+?}, ?)\
      """;

  /** PostgreSQL: a dedup hit inserts nothing instead of raising (and logging) an error. */
  private static final String INSERT_ON_CONFLICT =
      INSERT + " ON CONFLICT (active_key) DO NOTHING RETURNING " + TaskRows.COLUMNS;

  /**
   * PostgreSQL: the same with the fair turn computed inside the insert, so that a submit is one
   * round trip. The turn's three probes take the key, the key and the type.
   */
  private static final String INSERT_TURNED_ON_CONFLICT =
      INSERT.substring(0, INSERT.lastIndexOf('?'))
          + "(" + Gates.TURN.replace(" AS turn", "") + "))"
          + " ON CONFLICT (active_key) DO NOTHING RETURNING " + TaskRows.COLUMNS;

  /** MariaDB: the insert returns the row as stored; a dedup hit is an integrity violation. */
  private static final String INSERT_RETURNING = INSERT + " RETURNING " + TaskRows.COLUMNS;

  private static final String DELETE = "DELETE FROM {task} WHERE id = ?";

  private static final String CONFIRM =
      "UPDATE {task} SET confirmed_by = ? WHERE id = ? AND check_only = TRUE"
          + " AND status = 'COMPLETED' AND confirmed_by IS NULL";

  /** The longest owner or type, in characters, that the schema holds. */
  static final int MAX_NAME = 255;

  private final Jdbc jdbc;
  private final Sql sql;
  private final Reads reads;
  private final Claims claims;
  private final Transitions transitions;
  private final Transitions renewals;
  private final Sweeps sweeps;
  private final Admin admin;
  private final Gates gates;
  private final Creates creates;
  private final WorkSignal signal = new WorkSignal();
  private final @Nullable PgListener listener;
  private final @Nullable PgNotifier notifier;

  private JdbcTaskStore(
      DataSource dataSource,
      Sql sql,
      @Nullable DataSource listenSource,
      @Nullable DataSource heartbeatSource,
      long notifyGapNanos) {
    this.jdbc = new Jdbc(dataSource);
    this.sql = sql;
    this.reads = new Reads(jdbc, sql);
    this.claims = new Claims(jdbc, sql, reads);
    this.transitions = new Transitions(jdbc, sql);
    this.renewals =
        heartbeatSource == null ? transitions : new Transitions(new Jdbc(heartbeatSource), sql);
    this.sweeps = new Sweeps(jdbc, sql, reads.rows());
    this.admin = new Admin(jdbc, sql, reads);
    this.gates = new Gates(jdbc, sql, reads);
    this.creates = new Creates(jdbc, sql, reads);
    this.listener =
        listenSource == null ? null : new PgListener(listenSource, sql.channel(), signal);
    this.notifier = sql.dialect().notifies() ? new PgNotifier(jdbc, sql.channel(), notifyGapNanos) : null;
  }

  /** Wakes the idle workers of this JVM at once, and on PostgreSQL those of every node. */
  private void madeDue() {
    signal.wake();
    if (notifier != null) {
      notifier.request();
    }
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
    String activeKey = TaskRows.hash(n.activeKey());
    if (n.scheduling().maxActivePerOwner() > 0 || n.scheduling().maxActivePerOwnerOfType() > 0) {
      return createCapped(n, activeKey);
    }
    for (int round = 0; ; round++) {
      Optional<Task> created;
      StoreException conflict = null;
      try {
        created = Jdbc.retryingRollbacks(() -> insert(n, activeKey));
      } catch (StoreException e) {
        if (!Jdbc.isIntegrityViolation(e)) {
          throw e;
        }
        if (reads.get(n.id()).isPresent()) {
          throw new IllegalArgumentException("task " + n.id() + " already exists", e);
        }
        created = Optional.empty();
        conflict = e;
      }
      if (created.isPresent()) {
        madeDue();
        return Submission.created(created.get());
      }
      if (activeKey != null) {
        Optional<Task> twin = reads.activeTwin(activeKey);
        if (twin.isPresent()) {
          return Submission.existing(twin.get());
        }
      }
      if (round > 0) {
        // the twin ended between our insert and our look-up, twice: give up
        throw conflict != null
            ? conflict
            : new StoreException("create task " + n.id() + ": its active twin kept vanishing");
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Tasks without per-owner caps are created in one transaction: one look-up of active twins,
   * one query per fairness key and per type for the fair turns, the inserts in JDBC batches of
   * {@value Creates#CHUNK}, one read of the stored rows per batch. If a concurrent submit takes a
   * dedup key meanwhile, the transaction is rolled back and the tasks are created one by one. A
   * list with capped tasks is created one by one, each under its owner's gate.
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
      capped |= n.scheduling().maxActivePerOwner() > 0
          || n.scheduling().maxActivePerOwnerOfType() > 0;
    }
    Creates.checkDistinctIds(tasks);
    if (tasks.isEmpty()) {
      return List.of();
    }
    if (capped) {
      return TaskStore.super.createAll(tasks);
    }
    List<Submission> created;
    try {
      created =
          Jdbc.retryingRollbacks(
              () -> creates.createAll(tasks, sql.of(INSERT), JdbcTaskStore::bindNew));
    } catch (StoreException e) {
      if (!Jdbc.isIntegrityViolation(e)) {
        throw e;
      }
      for (NewTask n : tasks) {
        if (reads.get(n.id()).isPresent()) {
          throw new IllegalArgumentException("task " + n.id() + " already exists", e);
        }
      }
      // a concurrent submit took a dedup key of the list: one by one, each finds its twin
      return TaskStore.super.createAll(tasks);
    }
    if (created.stream().anyMatch(Submission::created)) {
      madeDue();
    }
    return created;
  }

  /**
   * Inserts the task and returns it as stored, or empty when PostgreSQL's {@code ON CONFLICT} found
   * an active twin; other databases report that as an integrity violation. One statement where
   * {@code INSERT} takes {@code RETURNING}; elsewhere the insert and a read in one transaction.
   */
  private Optional<Task> insert(NewTask n, @Nullable String activeKey) {
    String op = "create task " + n.id();
    if (sql.dialect().returning()) {
      return jdbc
          .query(
              op,
              sql.of(INSERT_TURNED_ON_CONFLICT),
              ps -> {
                int turn = bindNew(ps, n, activeKey, 0);
                ps.setString(turn, n.fairnessKey());
                ps.setString(turn + 1, n.fairnessKey());
                ps.setString(turn + 2, n.type());
              },
              reads.rows()::map)
          .stream()
          .findFirst();
    }
    if (sql.dialect().insertReturning()) {
      String insert = INSERT_RETURNING;
      long turn = gates.turn(n);
      return jdbc
          .query(op, sql.of(insert), ps -> bindNew(ps, n, activeKey, turn), reads.rows()::map)
          .stream()
          .findFirst();
    }
    // the insert and the read in one transaction: the task as it was right after the submit
    return jdbc.transaction(
        op,
        c -> {
          long turn = gates.turn(c, n);
          Jdbc.update(c, sql.of(INSERT), ps -> bindNew(ps, n, activeKey, turn));
          return reads.get(c, n.id());
        });
  }

  /** Creates under per-owner caps, serialised per owner; see {@link Gates#createCapped}. */
  private Submission createCapped(NewTask n, @Nullable String activeKey) {
    Submission s;
    try {
      s =
          Jdbc.retryingRollbacks(
              () ->
                  gates.createCapped(
                      n, activeKey, sql.of(INSERT), (ps, turn) -> bindNew(ps, n, activeKey, turn)));
    } catch (StoreException e) {
      if (!Jdbc.isIntegrityViolation(e)) {
        throw e;
      }
      if (reads.get(n.id()).isPresent()) {
        throw new IllegalArgumentException("task " + n.id() + " already exists", e);
      }
      // an uncapped submit of the same owner won the dedup key meanwhile
      return Submission.existing(reads.activeTwin(activeKey).orElseThrow(() -> e));
    }
    if (s.created()) {
      madeDue();
    }
    return s;
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
    long leaseMillis = millis("lease", lease);
    boolean limited =
        rules.limitsOwners()
            || typeList.stream().anyMatch(t -> rules.maxRunning(t) != null || rules.starts(t) != null);
    if (limited) {
      return Jdbc.retryingRollbacks(
          () -> gates.claimLimited(workerId, typeList, leaseMillis, max, rules));
    }
    boolean fair = rules.fair();
    if (max == 1) {
      return Jdbc.retryingRollbacks(() -> claims.claim(workerId, typeList, leaseMillis, fair))
          .map(List::of)
          .orElse(List.of());
    }
    return Jdbc.retryingRollbacks(
        () -> claims.claimMany(workerId, typeList, leaseMillis, max, fair));
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
    Scheduling s = load.scheduling();
    boolean capped = s.maxActivePerOwner() > 0 || s.maxActivePerOwnerOfType() > 0;
    if (capped) {
      gates.ensureOwnerGate(load);
    }
    Optional<Task> created;
    try {
      created =
          Jdbc.retryingRollbacks(
              () -> jdbc.transaction("confirm " + check, c -> confirm(c, check, load, capped)));
    } catch (StoreException e) {
      if (Jdbc.isIntegrityViolation(e) && reads.get(load.id()).isPresent()) {
        throw new IllegalArgumentException("task " + load.id() + " already exists", e);
      }
      throw e;
    }
    if (created.isPresent()) {
      madeDue();
    }
    return created;
  }

  private Optional<Task> confirm(Connection c, TaskId check, NewTask load, boolean capped)
      throws SQLException {
    int marked =
        Jdbc.update(
            c,
            sql.of(CONFIRM),
            ps -> {
              ps.setString(1, load.id().value());
              ps.setString(2, check.value());
            });
    if (!Jdbc.one("confirm " + check, marked)) {
      return Optional.empty();
    }
    if (capped) {
      return Optional.of(
          gates
              .createCapped(
                  c, load, null, sql.of(INSERT), (ps, turn) -> bindNew(ps, load, null, turn))
              .task());
    }
    long turn = gates.turn(c, load);
    Jdbc.update(c, sql.of(INSERT), ps -> bindNew(ps, load, null, turn));
    return reads.get(c, load.id());
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
    if (listener == null) {
      return false;
    }
    long deadline = System.nanoTime() + WorkSignal.nanos(maxWait);
    try {
      if (!listener.enter(WorkSignal.nanos(maxWait))) {
        return false;
      }
      // listening from here on: a task made due later is notified, one made due earlier is seen
      long seen = signal.generation();
      if (!listener.listening()) {
        return true; // it stopped in between: the caller claims, then waits on a new listener
      }
      Duration untilDue = reads.untilNextDue(sortedTypes);
      if (untilDue != null && (untilDue.isNegative() || untilDue.isZero())) {
        return true;
      }
      long wait = deadline - System.nanoTime();
      if (untilDue != null) {
        wait = Math.min(wait, WorkSignal.nanos(untilDue));
      }
      signal.awaitAfter(seen, wait);
      return true;
    } finally {
      listener.leave();
    }
  }

  /** How many threads wait for a notification now; for tests. */
  int waiting() {
    return signal.waiting();
  }

  /** Whether this store has a NOTIFY requested or in flight; for tests. */
  boolean notifying() {
    return notifier != null && notifier.busy();
  }

  /** Whether this store's listener holds a connection now; for tests. */
  boolean listening() {
    return listener != null && listener.running();
  }

  /** Stops the listener, which gives its connection back; the data source stays open. */
  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    if (notifier != null) {
      notifier.close();
    }
  }

  /** Renders this store's statements; for tests. */
  Sql sql() {
    return sql;
  }

  /** Returns the database's current time, the clock every lease is judged by. */
  Instant databaseNow() {
    return reads.now();
  }

  @Override
  public String toString() {
    return "JdbcTaskStore[" + sql.dialect().name() + ", " + sql.table("taskport_task") + "]";
  }

  /** Binds an insert of a new task; returns the index of its turn, the last parameter. */
  private static int bindNew(
      java.sql.PreparedStatement ps, NewTask n, @Nullable String activeKey, long turn)
      throws java.sql.SQLException {
    ps.setString(1, n.id().value());
    ps.setString(2, n.kind().name());
    ps.setString(3, n.type());
    ps.setString(4, n.owner());
    ps.setString(5, n.format());
    ps.setString(6, n.params());
    Jdbc.setNullableString(ps, 7, n.dedupKey());
    Jdbc.setNullableString(ps, 8, activeKey);
    int i = TaskRows.bindFile(ps, 9, n.input());
    ps.setInt(i, n.maxAttempts());
    ps.setLong(i + 1, n.retention().toMillis());
    Jdbc.setNullableString(ps, i + 2, n.locale());
    ps.setBoolean(i + 3, n.check());
    Gates.bindScheduling(ps, i + 4, n, turn);
    return i + 10;
  }

  private static List<String> sorted(Set<String> types) {
    requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new IllegalArgumentException("types must not be empty");
    }
    return types.stream().sorted().toList();
  }

  private static long millis(String name, Duration d) {
    requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return d.toMillis();
  }

  private static int checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    return limit;
  }

  private static void checkLength(String name, String value) {
    if (value.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          name + " must be at most " + MAX_NAME + " characters, was " + value.length());
    }
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
        Schema.create(dataSource, sql, Schema.TASKS);
        Schema.create(dataSource, sql, Schema.SCHEDULING, Schema.INDEXES);
      }
      DataSource listenSource = null;
      if (listen && d.notifies()) {
        listenSource = listenDataSource != null ? listenDataSource : dataSource;
      }
      return new JdbcTaskStore(dataSource, sql, listenSource, heartbeatDataSource, notifyGapNanos);
    }
  }
}
