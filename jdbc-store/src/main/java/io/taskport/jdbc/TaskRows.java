package io.taskport.jdbc;

import io.taskport.Attempts;
import io.taskport.Lease;
import io.taskport.Progress;
import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileRef;
import io.taskport.store.Scheduling;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Maps rows of {@code taskport_task} to tasks, and file refs and results to columns. */
final class TaskRows {
  /** Every column, in the order {@link #map} reads them. */
  static final String COLUMNS =
      """
      id, kind, type, owner, format, params, dedup_key, \
      input_key, input_name, input_size, input_type, \
      status, progress_done, progress_total, progress_message, \
      attempt, max_attempts, worker_id, lease_until, cancel_requested, checkpoint, \
      result_key, result_name, result_size, result_type, \
      report_key, report_name, report_size, report_type, \
      rows_total, rows_imported, rows_rejected, rows_skipped, \
      error_code, error_message, \
      created_at, started_at, finished_at, due_at, expires_at, retention_ms, locale, \
      check_only, confirmed_by, priority, priority_lead_ms, fair_key, max_active, max_active_type\
      """;

  private final Dialect dialect;

  TaskRows(Dialect dialect) {
    this.dialect = dialect;
  }

  Task map(ResultSet rs) throws SQLException {
    TaskStatus status = TaskStatus.valueOf(rs.getString("status"));
    Instant leaseUntil = dialect.instant(rs, "lease_until");
    String workerId = rs.getString("worker_id");
    Lease lease =
        status == TaskStatus.RUNNING && workerId != null && leaseUntil != null
            ? new Lease(workerId, leaseUntil)
            : null;
    String errorCode = rs.getString("error_code");
    String confirmedBy = rs.getString("confirmed_by");
    TaskResult result = null;
    if (status == TaskStatus.COMPLETED) {
      Long total = Jdbc.nullableLong(rs, "rows_total");
      RowCounts counts =
          total == null
              ? null
              : new RowCounts(
                  total,
                  rs.getLong("rows_imported"),
                  rs.getLong("rows_rejected"),
                  rs.getLong("rows_skipped"));
      result = new TaskResult(fileRef(rs, "result"), fileRef(rs, "report"), counts);
    }
    return Task.builder()
        .id(TaskId.of(rs.getString("id")))
        .kind(TaskKind.valueOf(rs.getString("kind")))
        .type(rs.getString("type"))
        .owner(rs.getString("owner"))
        .format(rs.getString("format"))
        .params(rs.getString("params"))
        .dedupKey(rs.getString("dedup_key"))
        .input(fileRef(rs, "input"))
        .status(status)
        .progress(
            new Progress(
                rs.getLong("progress_done"),
                rs.getLong("progress_total"),
                rs.getString("progress_message")))
        .attempts(new Attempts(rs.getInt("attempt"), rs.getInt("max_attempts")))
        .lease(lease)
        .cancelRequested(rs.getBoolean("cancel_requested"))
        .checkpoint(rs.getString("checkpoint"))
        .result(result)
        .error(errorCode == null ? null : TaskError.of(errorCode, rs.getString("error_message")))
        .createdAt(dialect.instant(rs, "created_at"))
        .startedAt(dialect.instant(rs, "started_at"))
        .finishedAt(dialect.instant(rs, "finished_at"))
        .dueAt(dialect.instant(rs, "due_at"))
        .expiresAt(dialect.instant(rs, "expires_at"))
        .retention(Duration.ofMillis(rs.getLong("retention_ms")))
        .locale(rs.getString("locale"))
        .check(rs.getBoolean("check_only"))
        .confirmedBy(confirmedBy == null ? null : TaskId.of(confirmedBy))
        .scheduling(scheduling(rs))
        .build();
  }

  private static Scheduling scheduling(ResultSet rs) throws SQLException {
    String owner = rs.getString("owner");
    String key = rs.getString("fair_key");
    return new Scheduling(
        rs.getInt("priority"),
        Duration.ofMillis(rs.getLong("priority_lead_ms")),
        key == null || key.equals(owner) ? null : key,
        rs.getInt("max_active"),
        rs.getInt("max_active_type"));
  }

  /** Binds a file ref, or four NULLs, to {@code key, name, size, type} at {@code i}. */
  static int bindFile(PreparedStatement ps, int i, @Nullable FileRef ref) throws SQLException {
    Jdbc.setNullableString(ps, i, ref == null ? null : ref.key());
    Jdbc.setNullableString(ps, i + 1, ref == null ? null : ref.fileName());
    Jdbc.setNullableLong(ps, i + 2, ref == null ? null : ref.size());
    Jdbc.setNullableString(ps, i + 3, ref == null ? null : ref.contentType());
    return i + 4;
  }

  /** Binds row counts, or four NULLs, at {@code i}. */
  static int bindCounts(PreparedStatement ps, int i, @Nullable RowCounts c) throws SQLException {
    Jdbc.setNullableLong(ps, i, c == null ? null : c.total());
    Jdbc.setNullableLong(ps, i + 1, c == null ? null : c.imported());
    Jdbc.setNullableLong(ps, i + 2, c == null ? null : c.rejected());
    Jdbc.setNullableLong(ps, i + 3, c == null ? null : c.skipped());
    return i + 4;
  }

  /** Returns the fixed-width column value of an active key: its SHA-256 in hex. */
  static @Nullable String hash(@Nullable String activeKey) {
    if (activeKey == null) {
      return null;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(activeKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static @Nullable FileRef fileRef(ResultSet rs, String prefix) throws SQLException {
    String key = rs.getString(prefix + "_key");
    if (key == null) {
      return null;
    }
    return new FileRef(
        key,
        rs.getString(prefix + "_name"),
        rs.getLong(prefix + "_size"),
        rs.getString(prefix + "_type"));
  }
}
