package io.taskport.jdbc;

import io.taskport.Messages;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lease recovery and retention purge: set-based statements over a batch of rows locked with {@code
 * SKIP LOCKED}, so any number of nodes may sweep at once without blocking each other or touching
 * the same task twice.
 */
final class Sweeps {
  /** Rows per statement, to keep IN lists and lock sets small. */
  static final int BATCH = 200;

  private static final String RECOVER_PICK =
      """
      SELECT id FROM {task}
      WHERE status = 'RUNNING' AND lease_until <= {now}
      ORDER BY lease_until
      LIMIT ? FOR UPDATE SKIP LOCKED\
      """;

  private static final String RECOVER_CANCEL =
      """
      UPDATE {task}
      SET status = 'CANCELLED', error_code = NULL, error_message = NULL, active_key = NULL,
          lease_until = NULL, due_at = NULL, finished_at = {now}, expires_at = {now+retention}
      WHERE id IN ({in}) AND {status=RUNNING} AND cancel_requested = TRUE\
      """;

  private static final String RECOVER_FAIL =
      """
      UPDATE {task}
      SET status = 'FAILED', error_code = ?,
          error_message = CONCAT('the worker stopped responding on each of ', max_attempts,
                                 ' attempts'),
          active_key = NULL, lease_until = NULL, due_at = NULL,
          finished_at = {now}, expires_at = {now+retention}
      WHERE id IN ({in}) AND {status=RUNNING} AND cancel_requested = FALSE
        AND attempt >= max_attempts\
      """;

  private static final String RECOVER_RETRY =
      """
      UPDATE {task}
      SET status = 'PENDING', lease_until = NULL, due_at = {now}, error_code = ?,
          error_message = CONCAT('the worker stopped responding during attempt ', attempt)
      WHERE id IN ({in}) AND {status=RUNNING} AND cancel_requested = FALSE
        AND attempt < max_attempts\
      """;

  private static final String LOCALIZE =
      "UPDATE {task} SET error_message = ? WHERE id = ? AND error_code = 'LEASE_LOST'";

  private static final String BY_IDS =
      "SELECT " + TaskRows.COLUMNS + " FROM {task} WHERE id IN ({in})";

  static final String PURGE_PICK =
      "SELECT "
          + TaskRows.COLUMNS
          + """
           FROM {task}
          WHERE expires_at <= {now}
          ORDER BY expires_at
          LIMIT ? FOR UPDATE SKIP LOCKED\
          """;

  private static final String PURGE = "DELETE FROM {task} WHERE id IN ({in})";

  private final Jdbc jdbc;
  private final Sql sql;
  private final TaskRows rows;

  Sweeps(Jdbc jdbc, Sql sql, TaskRows rows) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.rows = rows;
  }

  List<Task> recoverExpiredLeases(int limit) {
    List<Task> all = new ArrayList<>();
    while (all.size() < limit) {
      int want = Math.min(BATCH, limit - all.size());
      List<Task> batch = jdbc.transaction("recover expired leases", c -> recover(c, want));
      all.addAll(batch);
      if (batch.size() < want) {
        break;
      }
    }
    return all;
  }

  List<Task> purgeExpired(int limit) {
    List<Task> all = new ArrayList<>();
    while (all.size() < limit) {
      int want = Math.min(BATCH, limit - all.size());
      List<Task> batch = jdbc.transaction("purge expired tasks", c -> purge(c, want));
      all.addAll(batch);
      if (batch.size() < want) {
        break;
      }
    }
    return all;
  }

  private List<Task> recover(Connection c, int want) throws SQLException {
    List<String> ids =
        Jdbc.query(c, sql.of(RECOVER_PICK), ps -> ps.setInt(1, want), rs -> rs.getString(1));
    if (ids.isEmpty()) {
      return List.of();
    }
    int n = ids.size();
    int changed = Jdbc.update(c, sql.in(RECOVER_CANCEL, n), ps -> bindIds(ps, 1, ids));
    changed +=
        Jdbc.update(
            c,
            sql.in(RECOVER_FAIL, n),
            ps -> {
              ps.setString(1, TaskError.LEASE_LOST);
              bindIds(ps, 2, ids);
            });
    changed +=
        Jdbc.update(
            c,
            sql.in(RECOVER_RETRY, n),
            ps -> {
              ps.setString(1, TaskError.LEASE_LOST);
              bindIds(ps, 2, ids);
            });
    if (changed != n) {
      throw new IllegalStateException(
          "recovery changed " + changed + " of " + n + " locked tasks; expected all");
    }
    List<Task> after = Jdbc.query(c, sql.in(BY_IDS, n), ps -> bindIds(ps, 1, ids), rows::map);
    Map<TaskId, Integer> order = new HashMap<>();
    for (int i = 0; i < n; i++) {
      order.put(TaskId.of(ids.get(i)), i);
    }
    after.sort(Comparator.comparing(t -> order.get(t.id())));
    return inTheirLanguage(c, after);
  }

  /**
   * Rewrites the lost-lease errors of tasks in another language than English, which the
   * set-based statements word, in the same transaction.
   */
  private List<Task> inTheirLanguage(Connection c, List<Task> recovered) throws SQLException {
    List<Task> out = new ArrayList<>(recovered.size());
    List<Task> changed = new ArrayList<>();
    for (Task t : recovered) {
      TaskError e = t.error();
      if (e == null || t.locale() == null || !e.code().equals(TaskError.LEASE_LOST)) {
        out.add(t);
        continue;
      }
      boolean retrying = t.status() == TaskStatus.PENDING;
      String text =
          Messages.format(
              Messages.locale(t.locale()),
              retrying ? "task.leaseLost.retrying" : "task.leaseLost.failed",
              retrying ? t.attempts().current() : t.attempts().max());
      if (text.equals(e.message())) {
        out.add(t);
        continue;
      }
      Task localized = t.toBuilder().error(TaskError.of(TaskError.LEASE_LOST, text)).build();
      out.add(localized);
      changed.add(localized);
    }
    if (!changed.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(sql.of(LOCALIZE))) {
        for (Task t : changed) {
          ps.setString(1, t.error().message());
          ps.setString(2, t.id().value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return out;
  }

  private List<Task> purge(Connection c, int want) throws SQLException {
    List<Task> expired = Jdbc.query(c, sql.of(PURGE_PICK), ps -> ps.setInt(1, want), rows::map);
    if (expired.isEmpty()) {
      return List.of();
    }
    List<String> ids = expired.stream().map(t -> t.id().value()).toList();
    int deleted = Jdbc.update(c, sql.in(PURGE, ids.size()), ps -> bindIds(ps, 1, ids));
    if (deleted != ids.size()) {
      throw new IllegalStateException(
          "purge deleted " + deleted + " of " + ids.size() + " locked tasks; expected all");
    }
    return expired;
  }

  private static void bindIds(PreparedStatement ps, int first, List<String> ids)
      throws SQLException {
    for (int i = 0; i < ids.size(); i++) {
      ps.setString(first + i, ids.get(i));
    }
  }
}
