package io.taskport.jdbc;

import io.taskport.AdminQuery;
import io.taskport.Page;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskCount;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import io.taskport.store.NewTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The operator's reads and retry: listing across owners, counts in place, retry of a FAILED task. */
final class Admin {
  private static final String COUNTS =
      "SELECT type, status, COUNT(*) AS n FROM {task} GROUP BY type, status ORDER BY type, status";

  private static final String RETRY =
      """
      UPDATE {task}
      SET status = 'PENDING', active_key = ?, max_attempts = attempt + ?, cancel_requested = FALSE,
          worker_id = NULL, lease_until = NULL, finished_at = NULL, expires_at = NULL, due_at = {now}
      WHERE id = ? AND {status=FAILED}\
      """;

  private final Jdbc jdbc;
  private final Sql sql;
  private final Reads reads;

  Admin(Jdbc jdbc, Sql sql, Reads reads) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.reads = reads;
  }

  Page<Task> list(AdminQuery q) {
    List<TaskStatus> statuses = List.copyOf(q.statuses());
    Page.Cursor after = q.after();
    String template =
        "SELECT "
            + TaskRows.COLUMNS
            + " FROM {task} WHERE 1 = 1"
            + (q.owner() == null ? "" : " AND owner = ?")
            + (statuses.isEmpty() ? "" : " AND status IN ({in})")
            + (q.type() == null ? "" : " AND type = ?")
            + (q.kind() == null ? "" : " AND kind = ?")
            + (q.createdFrom() == null ? "" : " AND created_at >= ?")
            + (q.createdTo() == null ? "" : " AND created_at < ?")
            + (after == null ? "" : " AND (created_at < ? OR (created_at = ? AND id < ?))")
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    List<Task> items =
        jdbc.query(
            "list every owner's tasks",
            sql.in(template, statuses.size()),
            ps -> {
              int i = 1;
              if (q.owner() != null) {
                ps.setString(i++, q.owner());
              }
              for (TaskStatus s : statuses) {
                ps.setString(i++, s.name());
              }
              if (q.type() != null) {
                ps.setString(i++, q.type());
              }
              if (q.kind() != null) {
                ps.setString(i++, q.kind().name());
              }
              if (q.createdFrom() != null) {
                sql.dialect().bindInstant(ps, i++, q.createdFrom());
              }
              if (q.createdTo() != null) {
                sql.dialect().bindInstant(ps, i++, q.createdTo());
              }
              if (after != null) {
                sql.dialect().bindInstant(ps, i++, after.createdAt());
                sql.dialect().bindInstant(ps, i++, after.createdAt());
                ps.setString(i++, after.id().value());
              }
              ps.setInt(i, q.limit() + 1);
            },
            reads.rows()::map);
    if (items.size() <= q.limit()) {
      return new Page<>(items, null);
    }
    List<Task> page = new ArrayList<>(items.subList(0, q.limit()));
    return new Page<>(page, Page.Cursor.after(page.get(page.size() - 1)));
  }

  List<TaskCount> counts() {
    return jdbc.query(
        "count tasks",
        sql.of(COUNTS),
        ps -> {},
        rs ->
            new TaskCount(
                rs.getString("type"), TaskStatus.valueOf(rs.getString("status")), rs.getLong("n")));
  }

  /** Moves a FAILED task back to PENDING; a live twin's dedup key makes the update fail. */
  boolean retry(TaskId id, int attempts) {
    Optional<Task> found = reads.get(id);
    if (found.isEmpty() || found.get().status() != TaskStatus.FAILED) {
      return false;
    }
    Task t = found.get();
    String activeKey =
        t.dedupKey() == null
            ? null
            : TaskRows.hash(NewTask.activeKey(t.owner(), t.type(), t.dedupKey()));
    String op = "retry " + id;
    try {
      int n =
          jdbc.update(
              op,
              sql.of(RETRY),
              ps -> {
                Jdbc.setNullableString(ps, 1, activeKey);
                ps.setInt(2, attempts);
                ps.setString(3, id.value());
              });
      return Jdbc.one(op, n);
    } catch (StoreException e) {
      if (Jdbc.isIntegrityViolation(e)) {
        return false; // another active task holds the dedup key
      }
      throw e;
    }
  }
}
