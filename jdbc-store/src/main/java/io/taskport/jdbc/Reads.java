package io.taskport.jdbc;

import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads of tasks: by id, by active key, an owner's pages, and the database's clock. */
final class Reads {
  private static final String BY_ID = "SELECT " + TaskRows.COLUMNS + " FROM {task} WHERE id = ?";

  static final String BY_ACTIVE_KEY =
      "SELECT " + TaskRows.COLUMNS + " FROM {task} WHERE active_key = ?";

  private static final String NOW = "SELECT {now} AS db_now";

  private static final String NEXT_DUE =
      """
      SELECT MIN(due_at) AS next_due, {now} AS db_now FROM {task}
      WHERE status = 'PENDING' AND type IN ({in})\
      """;

  private final Jdbc jdbc;
  private final Sql sql;
  private final TaskRows rows;

  Reads(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.rows = new TaskRows(sql.dialect());
  }

  TaskRows rows() {
    return rows;
  }

  Optional<Task> get(TaskId id) {
    return jdbc.queryOne("get " + id, sql.of(BY_ID), ps -> ps.setString(1, id.value()), rows::map);
  }

  Optional<Task> get(Connection c, TaskId id) throws SQLException {
    List<Task> found = Jdbc.query(c, sql.of(BY_ID), ps -> ps.setString(1, id.value()), rows::map);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  Optional<Task> activeTwin(String activeKeyHash) {
    return jdbc.queryOne(
        "find the active twin",
        sql.of(BY_ACTIVE_KEY),
        ps -> ps.setString(1, activeKeyHash),
        rows::map);
  }

  Optional<Task> activeTwin(Connection c, String activeKeyHash) throws SQLException {
    List<Task> found =
        Jdbc.query(c, sql.of(BY_ACTIVE_KEY), ps -> ps.setString(1, activeKeyHash), rows::map);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  Page<Task> list(TaskQuery q) {
    List<TaskStatus> statuses = List.copyOf(q.statuses());
    Page.Cursor after = q.after();
    String template =
        "SELECT "
            + TaskRows.COLUMNS
            + " FROM {task} WHERE owner = ?"
            + (statuses.isEmpty() ? "" : " AND status IN ({in})")
            + (q.type() == null ? "" : " AND type = ?")
            + (after == null ? "" : " AND (created_at < ? OR (created_at = ? AND id < ?))")
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    List<Task> items =
        jdbc.query(
            "list tasks",
            sql.in(template, statuses.size()),
            ps -> {
              int i = 1;
              ps.setString(i++, q.owner());
              for (TaskStatus s : statuses) {
                ps.setString(i++, s.name());
              }
              if (q.type() != null) {
                ps.setString(i++, q.type());
              }
              if (after != null) {
                sql.dialect().bindInstant(ps, i++, after.createdAt());
                sql.dialect().bindInstant(ps, i++, after.createdAt());
                ps.setString(i++, after.id().value());
              }
              ps.setInt(i, q.limit() + 1);
            },
            rows::map);
    if (items.size() <= q.limit()) {
      return new Page<>(items, null);
    }
    List<Task> page = new ArrayList<>(items.subList(0, q.limit()));
    return new Page<>(page, Page.Cursor.after(page.get(page.size() - 1)));
  }

  /** Returns the database's current time. */
  Instant now() {
    return jdbc.queryOne("read the database clock", sql.of(NOW), ps -> {}, this::dbNow)
        .orElseThrow();
  }

  /**
   * Returns how long until a PENDING task of these types is due, by the database's clock: zero or
   * less if one is due now, {@code null} if none is pending.
   */
  @Nullable Duration untilNextDue(List<String> types) {
    return jdbc.queryOne(
            "find the next due task",
            sql.in(NEXT_DUE, types.size()),
            ps -> {
              for (int i = 0; i < types.size(); i++) {
                ps.setString(i + 1, types.get(i));
              }
            },
            rs -> {
              Instant due = sql.dialect().instant(rs, "next_due");
              return due == null
                  ? Optional.<Duration>empty()
                  : Optional.of(Duration.between(dbNow(rs), due));
            })
        .flatMap(d -> d)
        .orElse(null);
  }

  private Instant dbNow(java.sql.ResultSet rs) throws SQLException {
    Instant now = sql.dialect().instant(rs, "db_now");
    if (now == null) {
      throw new SQLException("the database returned no current time");
    }
    return now;
  }
}
