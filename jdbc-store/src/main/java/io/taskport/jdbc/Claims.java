package io.taskport.jdbc;

import io.taskport.Task;
import io.taskport.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claiming: the oldest due PENDING task of the given types becomes RUNNING with this worker, the
 * next attempt and a lease judged by the database's clock. Three strategies, one per dialect
 * family, all handing a task to one caller only.
 */
final class Claims {
  private static final String CLAIM_PICK =
      """
      SELECT id FROM {task}
      WHERE status = 'PENDING' AND type IN ({in}) AND due_at <= {now}
      ORDER BY {order}
      LIMIT 1 FOR UPDATE SKIP LOCKED\
      """;

  /** The same claim as one statement, for databases with RETURNING: one round trip. */
  private static final String CLAIM_RETURNING =
      """
      UPDATE {task}
      SET status = 'RUNNING', worker_id = ?, attempt = attempt + 1,
          started_at = {now}, lease_until = {now+?}, due_at = NULL
      WHERE {status=PENDING} AND id = (
          SELECT id FROM {task}
          WHERE status = 'PENDING' AND type IN ({in}) AND due_at <= {now}
          ORDER BY {order}
          LIMIT 1 FOR UPDATE SKIP LOCKED)
      """
          + " RETURNING "
          + TaskRows.COLUMNS;

  /** Candidates of an optimistic claim, unlocked; the stamp's status check decides. */
  private static final String CLAIM_CANDIDATES =
      """
      SELECT id FROM {task}
      WHERE status = 'PENDING' AND type IN ({in}) AND due_at <= {now}
      ORDER BY {order}
      LIMIT ?\
      """;

  private static final int CANDIDATES = 8;

  private static final String CLAIM_STAMP =
      """
      UPDATE {task}
      SET status = 'RUNNING', worker_id = ?, attempt = attempt + 1,
          started_at = {now}, lease_until = {now+?}, due_at = NULL
      WHERE id = ? AND {status=PENDING}\
      """;

  /**
   * A batch claim as one statement, for databases with RETURNING: the CTE locks up to {@code
   * {limit}} due rows with {@code SKIP LOCKED}, the update stamps them, and the result comes back
   * in the order they were due. The limit is written into the statement rather than bound: with a
   * bound limit PostgreSQL's generic plan expects a tenth of the table and joins it by a full scan.
   * The update joins by id alone: the picked rows are locked and were PENDING when locked, and a
   * status test there lets a plan made while the table was small scan the table for the join, a
   * plan PostgreSQL keeps for the statement as the table grows.
   */
  private static final String CLAIM_MANY_RETURNING =
      """
      WITH picked AS (
          SELECT id AS pick_id, fair_turn AS pick_turn, rank_at AS pick_rank FROM {task}
          WHERE status = 'PENDING' AND type IN ({in}) AND due_at <= {now}
          ORDER BY {order}
          LIMIT {limit} FOR UPDATE SKIP LOCKED),
      claimed AS (
          UPDATE {task}
          SET status = 'RUNNING', worker_id = ?, attempt = attempt + 1,
              started_at = {now}, lease_until = {now+?}, due_at = NULL
          FROM picked
          WHERE id = picked.pick_id
      """
          + "    RETURNING "
          + TaskRows.COLUMNS
          + """
          , picked.pick_turn, picked.pick_rank)
      SELECT * FROM claimed ORDER BY {pick_order}\
      """;

  static final String CLAIM_MANY_PICK =
      """
      SELECT id FROM {task}
      WHERE status = 'PENDING' AND type IN ({in}) AND due_at <= {now}
      ORDER BY {order}
      LIMIT ? FOR UPDATE SKIP LOCKED\
      """;

  private static final String CLAIM_MANY_STAMP =
      """
      UPDATE {task}
      SET status = 'RUNNING', worker_id = ?, attempt = attempt + 1,
          started_at = {now}, lease_until = {now+?}, due_at = NULL
      WHERE id IN ({in}) AND {status=PENDING}\
      """;

  private static final String BY_IDS =
      "SELECT " + TaskRows.COLUMNS + " FROM {task} WHERE id IN ({in})";

  private final Jdbc jdbc;
  private final Sql sql;
  private final Reads reads;
  // rendered claim statements: rendering one per claim cost more JVM time than mapping its rows
  private final Map<Key, String> rendered = new ConcurrentHashMap<>();

  private record Key(String template, int types, boolean fair, int limit) {}

  Claims(Jdbc jdbc, Sql sql, Reads reads) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.reads = reads;
  }

  Optional<Task> claim(String workerId, List<String> types, long leaseMillis, boolean fair) {
    if (!sql.dialect().skipLockedBeforeLimit()) {
      return claimOptimistic(workerId, types, leaseMillis, fair);
    }
    return sql.dialect().returning()
        ? claimReturning(workerId, types, leaseMillis, fair)
        : claimLocked(workerId, types, leaseMillis, fair);
  }

  /** Renders a claim template in rank order or, when fair, in fair-turn order. */
  private String in(String template, int n, boolean fair) {
    return in(template, n, fair, 0);
  }

  private String in(String template, int n, boolean fair, int limit) {
    return rendered.computeIfAbsent(
        new Key(template, n, fair, limit),
        k -> in(sql, k.template(), k.types(), k.fair())
            .replace("{limit}", Integer.toString(k.limit())));
  }

  private static String in(Sql sql, String template, int n, boolean fair) {
    return sql.in(
        template
            .replace("{order}", fair ? "fair_turn, rank_at" : "rank_at")
            .replace("{pick_order}", fair ? "pick_turn, pick_rank, id" : "pick_rank, id"),
        n);
  }

  /** The batch pick of {@code n} types as claims send it, for plan checks. */
  static String pick(Sql sql, int n, boolean fair) {
    return sql.in(CLAIM_MANY_PICK.replace("{order}", fair ? "fair_turn, rank_at" : "rank_at"), n);
  }

  /**
   * Claims up to {@code max} due tasks, oldest due first, in one short transaction: on PostgreSQL
   * one statement, elsewhere a locking pick, one set-based stamp and one read.
   */
  List<Task> claimMany(
      String workerId, List<String> types, long leaseMillis, int max, boolean fair) {
    if (max == 1) {
      return claim(workerId, types, leaseMillis, fair).map(List::of).orElse(List.of());
    }
    if (sql.dialect().returning()) {
      return jdbc.query(
          "claim",
          in(CLAIM_MANY_RETURNING, types.size(), fair, max),
          ps -> {
            int i = bindTypes(ps, 1, types);
            ps.setString(i, workerId);
            ps.setLong(i + 1, leaseMillis);
          },
          reads.rows()::map);
    }
    return jdbc.transaction(
        "claim", c -> claimManyLocked(c, workerId, types, leaseMillis, max, fair));
  }

  private List<Task> claimManyLocked(
      Connection c, String workerId, List<String> types, long leaseMillis, int max, boolean fair)
      throws SQLException {
    List<String> ids =
        Jdbc.query(
            c,
            in(CLAIM_MANY_PICK, types.size(), fair),
            ps -> ps.setInt(bindTypes(ps, 1, types), max),
            rs -> rs.getString(1));
    return stampLocked(c, sql, reads, workerId, leaseMillis, ids);
  }

  /**
   * Stamps rows this transaction serialised (by their locks or by a gate) as claimed by this
   * worker, and reads them back in the given order. Rows no longer PENDING are left out.
   */
  static List<Task> stampAll(
      Connection c, Sql sql, Reads reads, String workerId, long leaseMillis, List<String> ids)
      throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    Jdbc.update(
        c,
        sql.in(CLAIM_MANY_STAMP, ids.size()),
        ps -> {
          ps.setString(1, workerId);
          ps.setLong(2, leaseMillis);
          bindTypes(ps, 3, ids);
        });
    List<Task> claimed =
        Jdbc.query(
            c, sql.in(BY_IDS, ids.size()), ps -> bindTypes(ps, 1, ids), reads.rows()::map);
    claimed.removeIf(
        t -> t.lease() == null || !t.lease().workerId().equals(workerId)
            || t.status() != io.taskport.TaskStatus.RUNNING);
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      order.put(ids.get(i), i);
    }
    claimed.sort(Comparator.comparing(t -> order.get(t.id().value())));
    return claimed;
  }

  private static List<Task> stampLocked(
      Connection c, Sql sql, Reads reads, String workerId, long leaseMillis, List<String> ids)
      throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    int n =
        Jdbc.update(
            c,
            sql.in(CLAIM_MANY_STAMP, ids.size()),
            ps -> {
              ps.setString(1, workerId);
              ps.setLong(2, leaseMillis);
              bindTypes(ps, 3, ids);
            });
    if (n != ids.size()) {
      throw new IllegalStateException(
          "claim stamped " + n + " of " + ids.size() + " locked rows; expected all");
    }
    List<Task> claimed =
        Jdbc.query(
            c, sql.in(BY_IDS, ids.size()), ps -> bindTypes(ps, 1, ids), reads.rows()::map);
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      order.put(ids.get(i), i);
    }
    claimed.sort(Comparator.comparing(t -> order.get(t.id().value())));
    return claimed;
  }

  /**
   * Locks and stamps the oldest due row in one statement: the sub-select locks it with {@code SKIP
   * LOCKED}, the update stamps it, in the statement's own short transaction.
   */
  private Optional<Task> claimReturning(
      String workerId, List<String> types, long leaseMillis, boolean fair) {
    List<Task> claimed =
        jdbc.query(
            "claim",
            in(CLAIM_RETURNING, types.size(), fair),
            ps -> {
              ps.setString(1, workerId);
              ps.setLong(2, leaseMillis);
              bindTypes(ps, 3, types);
            },
            reads.rows()::map);
    Jdbc.one("claim", claimed.size());
    return claimed.stream().findFirst();
  }

  /** Locks the oldest due row, skipping rows other claimers hold, and stamps it. */
  private Optional<Task> claimLocked(
      String workerId, List<String> types, long leaseMillis, boolean fair) {
    String pick = in(CLAIM_PICK, types.size(), fair);
    return jdbc.transaction(
        "claim",
        c -> {
          List<String> ids =
              Jdbc.query(c, pick, ps -> bindTypes(ps, 1, types), rs -> rs.getString(1));
          if (ids.isEmpty()) {
            return Optional.empty();
          }
          TaskId id = TaskId.of(ids.get(0));
          if (!stamp(c, id, workerId, leaseMillis)) {
            throw new IllegalStateException("claim " + id + ": the locked row was not PENDING");
          }
          return reads.get(c, id);
        });
  }

  /**
   * Reads the oldest due candidates without locks, then stamps the first one still PENDING: the
   * stamp's {@code status = 'PENDING'} is the compare-and-set, so no task is handed out twice.
   */
  private Optional<Task> claimOptimistic(
      String workerId, List<String> types, long leaseMillis, boolean fair) {
    String pick = in(CLAIM_CANDIDATES, types.size(), fair);
    for (int round = 0; round < 100; round++) {
      List<String> ids =
          jdbc.query(
              "claim",
              pick,
              ps -> ps.setInt(bindTypes(ps, 1, types), CANDIDATES),
              rs -> rs.getString(1));
      for (String candidate : ids) {
        TaskId id = TaskId.of(candidate);
        Optional<Task> won =
            jdbc.transaction(
                "claim " + id,
                c -> stamp(c, id, workerId, leaseMillis) ? reads.get(c, id) : Optional.empty());
        if (won.isPresent()) {
          return won;
        }
      }
      if (ids.size() < CANDIDATES) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private boolean stamp(Connection c, TaskId id, String workerId, long leaseMillis)
      throws SQLException {
    int n =
        Jdbc.update(
            c,
            sql.of(CLAIM_STAMP),
            ps -> {
              ps.setString(1, workerId);
              ps.setLong(2, leaseMillis);
              ps.setString(3, id.value());
            });
    return Jdbc.one("claim " + id, n);
  }

  private static int bindTypes(PreparedStatement ps, int first, List<String> types)
      throws SQLException {
    for (int i = 0; i < types.size(); i++) {
      ps.setString(first + i, types.get(i));
    }
    return first + types.size();
  }
}
