package io.taskport.jdbc;

import io.taskport.OwnerCount;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TooManyTasksException;
import io.taskport.store.ClaimRules;
import io.taskport.store.NewTask;
import io.taskport.store.Scheduling;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The scheduling rules on SQL: fair turns and per-owner caps at create, and claims under
 * cluster-wide limits. A rule that must see a count and change it in one step locks a row of
 * {@code taskport_gate} ({@code FOR UPDATE}) first: one row per capped owner, per limited type,
 * and one for per-owner RUNNING limits, locked in name order so that two claims never deadlock.
 * RUNNING counts are read from the tasks themselves, so every way out of RUNNING (completion,
 * failure, cancel, release, delete, lease recovery) frees the slot.
 */
final class Gates {
  /**
   * The fair turn of a new task: its key's last active turn + 1, at least the type's lowest
   * PENDING turn. Three index probes (one MIN/MAX each, so no scan of a heavy key's backlog).
   */
  static final String TURN =
      """
      SELECT GREATEST(
          COALESCE((SELECT MAX(fair_turn) + 1 FROM {task}
                    WHERE fair_key = ? AND status = 'PENDING'), 0),
          COALESCE((SELECT MAX(fair_turn) + 1 FROM {task}
                    WHERE fair_key = ? AND status = 'RUNNING'), 0),
          COALESCE((SELECT MIN(fair_turn) FROM {task}
                    WHERE status = 'PENDING' AND type = ?), 0)) AS turn\
      """;

  private static final String LOCK =
      "SELECT name, window_ms, starts FROM {gate} WHERE name IN ({in}) ORDER BY name FOR UPDATE";

  private static final String ACTIVE_OF_OWNER =
      """
      SELECT type, COUNT(*) AS n FROM {task}
      WHERE owner = ? AND status IN ('PENDING', 'RUNNING') GROUP BY type\
      """;

  private static final String RUNNING_OF_TYPES =
      "SELECT type, COUNT(*) AS n FROM {task} WHERE status = 'RUNNING' AND type IN ({in})"
          + " GROUP BY type";

  /** Every RUNNING task by owner and type: a small set, read from the lease index. */
  private static final String RUNNING_BY_OWNER =
      "SELECT owner, type, COUNT(*) AS n FROM {task} WHERE status = 'RUNNING' GROUP BY owner, type";

  private static final String CANDIDATES =
      """
      SELECT id, type, owner FROM {task}
      WHERE status = 'PENDING' AND type IN ({in}) AND due_at <= {now}{held}
      ORDER BY {order}
      LIMIT ?\
      """;

  private static final String WINDOW =
      "UPDATE {gate} SET window_ms = ?, starts = ? WHERE name = ?";

  private static final String NOW_MS = "SELECT {now} AS db_now";

  private static final String ACTIVE_OWNERS =
      """
      SELECT owner,
             SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending,
             SUM(CASE WHEN status = 'RUNNING' THEN 1 ELSE 0 END) AS running
      FROM {task} WHERE status IN ('PENDING', 'RUNNING')
      GROUP BY owner ORDER BY pending DESC, owner LIMIT ?\
      """;

  private final Jdbc jdbc;
  private final Sql sql;
  private final Reads reads;

  Gates(Jdbc jdbc, Sql sql, Reads reads) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.reads = reads;
  }

  /** Binds priority, lead, fair key, caps, rank lead and turn at {@code i}. */
  static void bindScheduling(PreparedStatement ps, int i, NewTask n, long turn)
      throws SQLException {
    Scheduling s = n.scheduling();
    ps.setInt(i, s.priority());
    ps.setLong(i + 1, s.priorityLead().toMillis());
    ps.setString(i + 2, n.fairnessKey());
    ps.setInt(i + 3, s.maxActivePerOwner());
    ps.setInt(i + 4, s.maxActivePerOwnerOfType());
    ps.setLong(i + 5, -s.priorityLead().toMillis());
    ps.setLong(i + 6, turn);
  }

  /** Returns the fair turn of a new task, in a statement of its own. */
  long turn(NewTask n) {
    return jdbc.query("fair turn", sql.of(TURN), ps -> bindTurn(ps, n), Gates::turnOf).get(0);
  }

  /** Returns the fair turn of a new task, within a transaction. */
  long turn(Connection c, NewTask n) throws SQLException {
    return Jdbc.query(c, sql.of(TURN), ps -> bindTurn(ps, n), Gates::turnOf).get(0);
  }

  private static void bindTurn(PreparedStatement ps, NewTask n) throws SQLException {
    ps.setString(1, n.fairnessKey());
    ps.setString(2, n.fairnessKey());
    ps.setString(3, n.type());
  }

  private static long turnOf(java.sql.ResultSet rs) throws SQLException {
    return rs.getLong("turn");
  }

  /**
   * Creates a task under its owner's caps: locks the owner's gate, returns the active twin if
   * there is one, refuses the task if a cap is reached, else inserts it.
   */
  Submission createCapped(NewTask n, @Nullable String activeKey, String insert, Inserter ins) {
    ensureOwnerGate(n);
    return jdbc.transaction(
        "create task " + n.id(), c -> createCapped(c, n, activeKey, insert, ins));
  }

  /** Makes sure the gate row of the task's owner exists, outside any transaction. */
  void ensureOwnerGate(NewTask n) {
    ensure(List.of(ownerGate(n)));
  }

  private static String ownerGate(NewTask n) {
    return "owner:" + TaskRows.hash(n.owner()).substring(0, 40);
  }

  /**
   * Creates a task under its owner's caps within the caller's transaction, once {@link
   * #ensureOwnerGate} made the gate row.
   */
  Submission createCapped(
      Connection c, NewTask n, @Nullable String activeKey, String insert, Inserter ins)
      throws SQLException {
    String gate = ownerGate(n);
    lock(c, List.of(gate));
    if (activeKey != null) {
      Optional<Task> twin = reads.activeTwin(c, activeKey);
      if (twin.isPresent()) {
        return Submission.existing(twin.get());
      }
    }
    Map<String, Long> active = new HashMap<>();
    Jdbc.query(
        c,
        sql.of(ACTIVE_OF_OWNER),
        ps -> ps.setString(1, n.owner()),
        rs -> active.put(rs.getString("type"), rs.getLong("n")));
    Scheduling s = n.scheduling();
    long all = active.values().stream().mapToLong(Long::longValue).sum();
    if (s.maxActivePerOwner() > 0 && all >= s.maxActivePerOwner()) {
      throw new TooManyTasksException(n.owner(), null, s.maxActivePerOwner());
    }
    if (s.maxActivePerOwnerOfType() > 0
        && active.getOrDefault(n.type(), 0L) >= s.maxActivePerOwnerOfType()) {
      throw new TooManyTasksException(n.owner(), n.type(), s.maxActivePerOwnerOfType());
    }
    long turn = turn(c, n);
    Jdbc.update(c, insert, ps -> ins.bind(ps, turn));
    return Submission.created(reads.get(c, n.id()).orElseThrow());
  }

  /** Binds an insert with its turn. */
  interface Inserter {
    void bind(PreparedStatement ps, long turn) throws SQLException;
  }

  /**
   * Claims under limits: locks the gates of the limited types (and of per-owner limits), reads
   * the RUNNING counts, takes due candidates in rank (or fair) order while they fit, and stamps
   * them; the lock is held only for this short transaction.
   */
  List<Task> claimLimited(
      String workerId, List<String> types, long leaseMillis, int max, ClaimRules rules) {
    List<String> gates = new ArrayList<>();
    for (String t : types) {
      if (rules.maxRunning(t) != null || rules.starts(t) != null) {
        gates.add("type:" + t);
      }
    }
    if (rules.limitsOwners()) {
      gates.add("owners");
    }
    ensure(gates);
    return jdbc.transaction(
        "claim",
        c -> {
          Map<String, long[]> windows = lock(c, gates);
          long now = Jdbc.query(c, sql.of(NOW_MS), ps -> {}, rs -> sql.dialect()
              .instant(rs, "db_now")).get(0).toEpochMilli();
          Map<String, Long> room = new HashMap<>();
          Map<String, Long> running = count(c, RUNNING_OF_TYPES, types);
          for (String t : types) {
            long r = Long.MAX_VALUE;
            Integer limit = rules.maxRunning(t);
            if (limit != null) {
              r = Math.max(0, limit - running.getOrDefault(t, 0L));
            }
            ClaimRules.Rate rate = rules.starts(t);
            if (rate != null) {
              long[] w = windows.get("type:" + t);
              long per = rate.per().toMillis();
              long start = Math.floorDiv(now, per) * per;
              if (w[0] != start) {
                w[0] = start;
                w[1] = 0;
              }
              r = Math.min(r, Math.max(0, rate.starts() - w[1]));
            }
            room.put(t, r);
          }
          List<String> open = types.stream().filter(t -> room.get(t) > 0).toList();
          if (open.isEmpty()) {
            return List.of();
          }
          // owners (and owner-type pairs) at their RUNNING limit are left out in the query, so
          // that a long backlog of one held owner cannot hide the tasks of the others
          Map<String, Long> owners = new HashMap<>();
          List<String> heldOwners = new ArrayList<>();
          List<String[]> heldPairs = new ArrayList<>();
          if (rules.limitsOwners()) {
            Jdbc.query(
                c,
                sql.of(RUNNING_BY_OWNER),
                ps -> {},
                rs -> {
                  long n = rs.getLong("n");
                  String owner = rs.getString("owner");
                  String type = rs.getString("type");
                  owners.merge("o:" + owner, n, Long::sum);
                  owners.merge("t:" + owner + "|" + type, n, Long::sum);
                  if (rules.maxRunningPerOwnerOfType() > 0
                      && n >= rules.maxRunningPerOwnerOfType()) {
                    heldPairs.add(new String[] {owner, type});
                  }
                  return null;
                });
            owners.forEach(
                (k, n) -> {
                  if (k.startsWith("o:")
                      && rules.maxRunningPerOwner() > 0
                      && n >= rules.maxRunningPerOwner()) {
                    heldOwners.add(k.substring(2));
                  }
                });
          }
          StringBuilder held = new StringBuilder();
          if (!heldOwners.isEmpty()) {
            held.append(" AND owner NOT IN (")
                .append(String.join(", ", java.util.Collections.nCopies(heldOwners.size(), "?")))
                .append(')');
          }
          for (int i = 0; i < heldPairs.size(); i++) {
            held.append(" AND NOT (owner = ? AND type = ?)");
          }
          String template =
              CANDIDATES.replace("{order}", order(rules)).replace("{held}", held.toString());
          List<String[]> candidates =
              Jdbc.query(
                  c,
                  sql.in(template, open.size()),
                  ps -> {
                    int i = 1;
                    for (String t : open) {
                      ps.setString(i++, t);
                    }
                    for (String o : heldOwners) {
                      ps.setString(i++, o);
                    }
                    for (String[] p : heldPairs) {
                      ps.setString(i++, p[0]);
                      ps.setString(i++, p[1]);
                    }
                    ps.setInt(i, Math.max(max * 4, 32));
                  },
                  rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
          List<String> picked = new ArrayList<>();
          for (String[] x : candidates) {
            if (picked.size() == max) {
              break;
            }
            String type = x[1];
            String ok = "o:" + x[2];
            String otk = "t:" + x[2] + "|" + type;
            if (room.get(type) <= 0
                || rules.maxRunningPerOwner() > 0
                    && owners.getOrDefault(ok, 0L) >= rules.maxRunningPerOwner()
                || rules.maxRunningPerOwnerOfType() > 0
                    && owners.getOrDefault(otk, 0L) >= rules.maxRunningPerOwnerOfType()) {
              continue;
            }
            picked.add(x[0]);
            room.merge(type, -1L, Long::sum);
            owners.merge(ok, 1L, Long::sum);
            owners.merge(otk, 1L, Long::sum);
            long[] w = windows.get("type:" + type);
            if (w != null) {
              w[1]++;
            }
          }
          for (Map.Entry<String, long[]> w : windows.entrySet()) {
            Jdbc.update(
                c,
                sql.of(WINDOW),
                ps -> {
                  ps.setLong(1, w.getValue()[0]);
                  ps.setLong(2, w.getValue()[1]);
                  ps.setString(3, w.getKey());
                });
          }
          return Claims.stampAll(c, sql, reads, workerId, leaseMillis, picked);
        });
  }

  /** Returns the owners with PENDING or RUNNING tasks, most PENDING first. */
  List<OwnerCount> activeOwners(int limit) {
    return jdbc.query(
        "active owners",
        sql.of(ACTIVE_OWNERS),
        ps -> ps.setInt(1, limit),
        rs -> new OwnerCount(rs.getString("owner"), rs.getLong("pending"), rs.getLong("running")));
  }

  /** The claim order of the rules: fair turn then rank, or rank alone. */
  static String order(ClaimRules rules) {
    return rules.fair() ? "fair_turn, rank_at" : "rank_at";
  }

  private Map<String, Long> count(Connection c, String template, List<String> keys)
      throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    Jdbc.query(
        c,
        sql.in(template, keys.size()),
        ps -> {
          for (int i = 0; i < keys.size(); i++) {
            ps.setString(i + 1, keys.get(i));
          }
        },
        rs -> counts.put(rs.getString(1), rs.getLong("n")));
    return counts;
  }

  /** Locks the gates in name order and returns their windows (start, starts) by name. */
  private Map<String, long[]> lock(Connection c, List<String> names) throws SQLException {
    List<String> sorted = names.stream().sorted().toList();
    Map<String, long[]> windows = new TreeMap<>();
    Jdbc.query(
        c,
        sql.in(LOCK, sorted.size()),
        ps -> {
          for (int i = 0; i < sorted.size(); i++) {
            ps.setString(i + 1, sorted.get(i));
          }
        },
        rs -> windows.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}));
    return windows;
  }

  /** Creates the gate rows that do not exist yet, each in its own statement. */
  private void ensure(List<String> names) {
    for (String name : names) {
      if (known.contains(name)) {
        continue;
      }
      try {
        jdbc.update(
            "create gate " + name, sql.of(sql.dialect().insertGate()), ps -> ps.setString(1, name));
      } catch (io.taskport.StoreException e) {
        if (!Jdbc.isIntegrityViolation(e)) {
          throw e;
        }
        // another node created it first
      }
      known.add(name);
    }
  }

  private final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
}
