package io.taskport.jdbc;

import io.taskport.StoreException;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.store.NewTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Many tasks created in one transaction: one look-up of the active twins, one query per fairness
 * key and per type for the fair turns, then the inserts. Where {@code INSERT} takes {@code
 * RETURNING}, one multi-row insert per chunk returns the rows as stored; elsewhere a JDBC batch of
 * single-row inserts per chunk, and one read of what was inserted. Chunks hold {@value #CHUNK}
 * tasks at most.
 */
final class Creates {
  static final int CHUNK = 500;

  /**
   * The most parameters a multi-row insert binds: well under PostgreSQL's limit of 32,767 per
   * statement, and few enough that the driver's statement stays small.
   */
  static final int PARAMETERS = 10_000;

  static final String TWINS =
      "SELECT " + TaskRows.COLUMNS + " FROM {task} WHERE active_key IN ({in})";

  private static final String BY_IDS =
      "SELECT " + TaskRows.COLUMNS + " FROM {task} WHERE id IN ({in})";

  /** The next turn of a fairness key: after its last PENDING or RUNNING one. */
  private static final String KEY_NEXT =
      """
      SELECT GREATEST(
          COALESCE((SELECT MAX(fair_turn) + 1 FROM {task}
                    WHERE fair_key = ? AND status = 'PENDING'), 0),
          COALESCE((SELECT MAX(fair_turn) + 1 FROM {task}
                    WHERE fair_key = ? AND status = 'RUNNING'), 0)) AS turn\
      """;

  private static final String TYPE_MIN =
      "SELECT MIN(fair_turn) AS turn FROM {task} WHERE status = 'PENDING' AND type = ?";

  /** Binds the values of one task from parameter {@code first} on; returns its last index. */
  interface Binder {
    int bind(PreparedStatement ps, int first, NewTask n, @Nullable String activeKey, long turn)
        throws SQLException;
  }

  private final Jdbc jdbc;
  private final Sql sql;
  private final Reads reads;

  Creates(Jdbc jdbc, Sql sql, Reads reads) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.reads = reads;
  }

  /**
   * Creates uncapped tasks in one transaction, as sequential creates would: twins first (active
   * tasks, then earlier tasks of the list), then turns as if each insert had seen the ones before.
   *
   * @param into the insert up to and including {@code VALUES}
   * @param row the values of one task, which {@code binder} binds
   * @return the submissions, in the order of the list
   */
  List<Submission> createAll(List<NewTask> tasks, String into, String row, Binder binder) {
    return jdbc.transaction(
        "create " + tasks.size() + " tasks", c -> run(c, tasks, into, row, binder));
  }

  private List<Submission> run(
      Connection c, List<NewTask> tasks, String into, String row, Binder binder)
      throws SQLException {
    List<String> keys = new ArrayList<>(tasks.size());
    Set<String> distinctKeys = new HashSet<>();
    for (NewTask n : tasks) {
      String k = TaskRows.hash(n.activeKey());
      keys.add(k);
      if (k != null) {
        distinctKeys.add(k);
      }
    }
    Map<String, Task> twins = new HashMap<>();
    for (List<String> chunk : chunks(new ArrayList<>(distinctKeys))) {
      for (Task t : Jdbc.query(c, sql.in(TWINS, chunk.size()), ps -> bind(ps, chunk),
          reads.rows()::map)) {
        twins.put(TaskRows.hash(activeKeyOf(t)), t);
      }
    }
    // which task of the list each one is, or its twin: an index of the list, or -1 for none
    int[] earlier = new int[tasks.size()];
    Map<String, Integer> firstOfKey = new HashMap<>();
    List<NewTask> fresh = new ArrayList<>();
    List<String> freshKeys = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      String k = keys.get(i);
      earlier[i] = -1;
      if (k != null && (twins.containsKey(k) || firstOfKey.containsKey(k))) {
        earlier[i] = twins.containsKey(k) ? -2 : firstOfKey.get(k);
        continue;
      }
      if (k != null) {
        firstOfKey.put(k, i);
      }
      fresh.add(tasks.get(i));
      freshKeys.add(k);
    }
    long[] turns = turns(c, fresh);
    Map<String, Task> stored =
        sql.dialect().insertReturning()
            ? insertReturning(c, fresh, freshKeys, turns, into, row, binder)
            : insertBatched(c, fresh, freshKeys, turns, into + row, binder);
    List<Submission> out = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      if (earlier[i] == -1) {
        Task t = stored.get(tasks.get(i).id().value());
        if (t == null) {
          throw new StoreException("create task " + tasks.get(i).id() + ": not found after insert");
        }
        out.add(Submission.created(t));
      } else if (earlier[i] == -2) {
        out.add(Submission.existing(twins.get(keys.get(i))));
      } else {
        out.add(Submission.existing(out.get(earlier[i]).task()));
      }
    }
    return out;
  }

  /** Inserts in multi-row statements; returns the rows as stored, by id. */
  private Map<String, Task> insertReturning(Connection c, List<NewTask> fresh, List<String> keys,
      long[] turns, String into, String row, Binder binder) throws SQLException {
    Map<String, Task> stored = new HashMap<>();
    int perRow = (int) row.chars().filter(ch -> ch == '?').count();
    int size = Math.max(1, Math.min(CHUNK, PARAMETERS / perRow));
    for (int from = 0; from < fresh.size(); from += size) {
      int to = Math.min(fresh.size(), from + size);
      int first = from;
      String insert = into + String.join(", ", Collections.nCopies(to - from, row))
          + " RETURNING " + TaskRows.COLUMNS;
      for (Task t : Jdbc.query(c, insert, ps -> {
        int at = 1;
        for (int i = first; i < to; i++) {
          at = binder.bind(ps, at, fresh.get(i), keys.get(i), turns[i]) + 1;
        }
      }, reads.rows()::map)) {
        stored.put(t.id().value(), t);
      }
    }
    return stored;
  }

  /** Inserts in JDBC batches, then reads the rows back; returns them by id. */
  private Map<String, Task> insertBatched(Connection c, List<NewTask> fresh, List<String> keys,
      long[] turns, String insert, Binder binder) throws SQLException {
    for (int from = 0; from < fresh.size(); from += CHUNK) {
      int to = Math.min(fresh.size(), from + CHUNK);
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        for (int i = from; i < to; i++) {
          binder.bind(ps, 1, fresh.get(i), keys.get(i), turns[i]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    Map<String, Task> stored = new HashMap<>();
    List<String> ids = fresh.stream().map(n -> n.id().value()).toList();
    for (List<String> chunk : chunks(ids)) {
      for (Task t : Jdbc.query(c, sql.in(BY_IDS, chunk.size()), ps -> bind(ps, chunk),
          reads.rows()::map)) {
        stored.put(t.id().value(), t);
      }
    }
    return stored;
  }

  /** The fair turn of each task, as sequential creates would have given them. */
  private long[] turns(Connection c, List<NewTask> fresh) throws SQLException {
    Map<String, Long> keyNext = new LinkedHashMap<>();
    Map<String, Long> typeMin = new HashMap<>();
    Set<String> typesSeen = new HashSet<>();
    long[] turns = new long[fresh.size()];
    for (int i = 0; i < fresh.size(); i++) {
      NewTask n = fresh.get(i);
      String key = n.fairnessKey();
      if (!keyNext.containsKey(key)) {
        keyNext.put(key, Jdbc.query(c, sql.of(KEY_NEXT), ps -> {
          ps.setString(1, key);
          ps.setString(2, key);
        }, rs -> rs.getLong("turn")).get(0));
      }
      if (typesSeen.add(n.type())) {
        Long min = Jdbc.query(c, sql.of(TYPE_MIN), ps -> ps.setString(1, n.type()),
            rs -> Jdbc.nullableLong(rs, "turn")).get(0);
        if (min != null) {
          typeMin.put(n.type(), min);
        }
      }
      long turn = Math.max(keyNext.get(key), typeMin.getOrDefault(n.type(), 0L));
      turns[i] = turn;
      keyNext.put(key, Math.max(keyNext.get(key), turn + 1));
      typeMin.merge(n.type(), turn, Math::min);
    }
    return turns;
  }

  /** Checks ids are not repeated within the list. */
  static void checkDistinctIds(List<NewTask> tasks) {
    Set<TaskId> ids = new HashSet<>();
    for (NewTask n : tasks) {
      if (!ids.add(n.id())) {
        throw new IllegalArgumentException("task " + n.id() + " appears twice in the list");
      }
    }
  }

  private static @Nullable String activeKeyOf(Task t) {
    return t.dedupKey() == null ? null : NewTask.activeKey(t.owner(), t.type(), t.dedupKey());
  }

  private static List<List<String>> chunks(List<String> all) {
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return out;
  }

  private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      ps.setString(i + 1, values.get(i));
    }
  }
}
