package io.taskport.jdbc;

import io.taskport.StoreException;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.store.NewTask;
import io.taskport.store.Scheduling;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The inserts of new tasks: one task with its dedup look-up, many in one transaction, and the
 * load of a confirmed check. Callers have validated the tasks and wake workers afterwards.
 */
final class Inserts {
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

  /** The insert up to {@code VALUES}, and the values of one task, for a multi-row insert. */
  private static final String INTO = INSERT.substring(0, INSERT.indexOf("VALUES ") + 7);

  private static final String ROW = INSERT.substring(INTO.length());

  /**
   * PostgreSQL: the insert with the fair turn computed inside it, so that a submit is one round
   * trip, and a dedup hit inserts nothing instead of raising (and logging) an error. The turn's
   * three probes take the key, the key and the type. The conflict target repeats the predicate of
   * the partial unique index of schema version 5, without which PostgreSQL would not infer it.
   */
  static final String INSERT_TURNED_ON_CONFLICT =
      INSERT.substring(0, INSERT.lastIndexOf('?'))
          + "(" + Gates.TURN.replace(" AS turn", "") + "))"
          + " ON CONFLICT (active_key) WHERE active_key IS NOT NULL DO NOTHING"
          + " RETURNING " + TaskRows.COLUMNS;

  /** MariaDB: the insert returns the row as stored; a dedup hit is an integrity violation. */
  private static final String INSERT_RETURNING = INSERT + " RETURNING " + TaskRows.COLUMNS;

  private static final String CONFIRM =
      "UPDATE {task} SET confirmed_by = ? WHERE id = ? AND check_only = TRUE"
          + " AND status = 'COMPLETED' AND confirmed_by IS NULL";

  private final Jdbc jdbc;
  private final Sql sql;
  private final Reads reads;
  private final Gates gates;
  private final Creates creates;

  Inserts(Jdbc jdbc, Sql sql, Reads reads, Gates gates, Creates creates) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.reads = reads;
    this.gates = gates;
    this.creates = creates;
  }

  /** Creates the task, or returns its active twin; see {@link JdbcTaskStore#create}. */
  Submission create(NewTask n) {
    String activeKey = TaskRows.hash(n.activeKey());
    if (capped(n)) {
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
   * Creates uncapped tasks in one transaction; returns empty when a concurrent submit took a dedup
   * key of the list, so that the caller creates them one by one and each finds its twin.
   */
  Optional<List<Submission>> createAll(List<NewTask> tasks) {
    try {
      return Optional.of(
          Jdbc.retryingRollbacks(
              () -> creates.createAll(tasks, sql.of(INTO), sql.of(ROW), Inserts::bind)));
    } catch (StoreException e) {
      if (!Jdbc.isIntegrityViolation(e)) {
        throw e;
      }
      for (NewTask n : tasks) {
        if (reads.get(n.id()).isPresent()) {
          throw new IllegalArgumentException("task " + n.id() + " already exists", e);
        }
      }
      return Optional.empty();
    }
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
                int turn = bind(ps, n, activeKey, 0);
                ps.setString(turn, n.fairnessKey());
                ps.setString(turn + 1, n.fairnessKey());
                ps.setString(turn + 2, n.type());
              },
              reads.rows()::map)
          .stream()
          .findFirst();
    }
    if (sql.dialect().insertReturning()) {
      long turn = gates.turn(n);
      return jdbc
          .query(op, sql.of(INSERT_RETURNING), ps -> bind(ps, n, activeKey, turn), reads.rows()::map)
          .stream()
          .findFirst();
    }
    // the insert and the read in one transaction: the task as it was right after the submit
    return jdbc.transaction(
        op,
        c -> {
          long turn = gates.turn(c, n);
          Jdbc.update(c, sql.of(INSERT), ps -> bind(ps, n, activeKey, turn));
          return reads.get(c, n.id());
        });
  }

  /** Creates under per-owner caps, serialised per owner; see {@link Gates#createCapped}. */
  private Submission createCapped(NewTask n, @Nullable String activeKey) {
    try {
      return Jdbc.retryingRollbacks(
          () ->
              gates.createCapped(
                  n, activeKey, sql.of(INSERT), (ps, turn) -> bind(ps, n, activeKey, turn)));
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
  }

  /** Marks the check confirmed and inserts its load; see {@link JdbcTaskStore#confirm}. */
  Optional<Task> confirm(TaskId check, NewTask load) {
    boolean capped = capped(load);
    if (capped) {
      gates.ensureOwnerGate(load);
    }
    try {
      return Jdbc.retryingRollbacks(
          () -> jdbc.transaction("confirm " + check, c -> confirm(c, check, load, capped)));
    } catch (StoreException e) {
      if (Jdbc.isIntegrityViolation(e) && reads.get(load.id()).isPresent()) {
        throw new IllegalArgumentException("task " + load.id() + " already exists", e);
      }
      throw e;
    }
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
              .createCapped(c, load, null, sql.of(INSERT), (ps, turn) -> bind(ps, load, null, turn))
              .task());
    }
    long turn = gates.turn(c, load);
    Jdbc.update(c, sql.of(INSERT), ps -> bind(ps, load, null, turn));
    return reads.get(c, load.id());
  }

  static boolean capped(NewTask n) {
    Scheduling s = n.scheduling();
    return s.maxActivePerOwner() > 0 || s.maxActivePerOwnerOfType() > 0;
  }

  /** Binds an insert of a new task; returns the index of its turn, the last parameter. */
  private static int bind(PreparedStatement ps, NewTask n, @Nullable String activeKey, long turn)
      throws SQLException {
    return bind(ps, 1, n, activeKey, turn);
  }

  /** Binds the values of a new task from parameter {@code first} on; returns its turn's index. */
  private static int bind(
      PreparedStatement ps, int first, NewTask n, @Nullable String activeKey, long turn)
      throws SQLException {
    ps.setString(first, n.id().value());
    ps.setString(first + 1, n.kind().name());
    ps.setString(first + 2, n.type());
    ps.setString(first + 3, n.owner());
    ps.setString(first + 4, n.format());
    ps.setString(first + 5, n.params());
    Jdbc.setNullableString(ps, first + 6, n.dedupKey());
    Jdbc.setNullableString(ps, first + 7, activeKey);
    int i = TaskRows.bindFile(ps, first + 8, n.input());
    ps.setInt(i, n.maxAttempts());
    ps.setLong(i + 1, n.retention().toMillis());
    Jdbc.setNullableString(ps, i + 2, n.locale());
    ps.setBoolean(i + 3, n.check());
    Gates.bindScheduling(ps, i + 4, n, turn);
    return i + 10;
  }
}
