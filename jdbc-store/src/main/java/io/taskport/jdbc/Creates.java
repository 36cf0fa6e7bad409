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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Many tasks created in one transaction: one look-up of the active twins, one query per fairness
 * key and per type for the fair turns, the inserts in JDBC batches, and one read of what was
 * inserted, each in chunks of {@value #CHUNK}.
 */
final class Creates {
  static final int CHUNK = 500;

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

  /** Binds one insert with its active key and turn. */
  interface Binder {
    void bind(PreparedStatement ps, NewTask n, @Nullable String activeKey, long turn)
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
   * @return the submissions and whether anything was inserted
   */
  List<Submission> createAll(List<NewTask> tasks, String insert, Binder binder) {
    return jdbc.transaction("create " + tasks.size() + " tasks", c -> run(c, tasks, insert, binder));
  }

  private List<Submission> run(Connection c, List<NewTask> tasks, String insert, Binder binder)
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
    for (int from = 0; from < fresh.size(); from += CHUNK) {
      int to = Math.min(fresh.size(), from + CHUNK);
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        for (int i = from; i < to; i++) {
          binder.bind(ps, fresh.get(i), freshKeys.get(i), turns[i]);
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
