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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Maps rows of {@code taskport_task} to tasks, and file refs and results to columns. */
final class TaskRows {
  /**
   * Every column, in the order of {@link #COLUMNS}. {@link #map} reads them by position, since a
   * look-up by name costs more than reading the value.
   */
  private enum Column {
    ID, KIND, TYPE, OWNER, FORMAT, PARAMS, DEDUP_KEY,
    INPUT_KEY, INPUT_NAME, INPUT_SIZE, INPUT_TYPE,
    STATUS, PROGRESS_DONE, PROGRESS_TOTAL, PROGRESS_MESSAGE,
    ATTEMPT, MAX_ATTEMPTS, WORKER_ID, LEASE_UNTIL, CANCEL_REQUESTED, CHECKPOINT,
    RESULT_KEY, RESULT_NAME, RESULT_SIZE, RESULT_TYPE,
    REPORT_KEY, REPORT_NAME, REPORT_SIZE, REPORT_TYPE,
    ROWS_TOTAL, ROWS_IMPORTED, ROWS_REJECTED, ROWS_SKIPPED,
    ERROR_CODE, ERROR_MESSAGE,
    CREATED_AT, STARTED_AT, FINISHED_AT, DUE_AT, EXPIRES_AT, RETENTION_MS, LOCALE,
    CHECK_ONLY, CONFIRMED_BY, PRIORITY, PRIORITY_LEAD_MS, FAIR_KEY, MAX_ACTIVE, MAX_ACTIVE_TYPE;

    /** The column's position in {@link #COLUMNS}, from 1. */
    int at() {
      return ordinal() + 1;
    }
  }

  /** Every column; a statement whose rows {@link #map} reads selects these first, in this order. */
  static final String COLUMNS =
      Arrays.stream(Column.values())
          .map(c -> c.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));

  private final Dialect dialect;

  TaskRows(Dialect dialect) {
    this.dialect = dialect;
  }

  Task map(ResultSet rs) throws SQLException {
    TaskStatus status = TaskStatus.valueOf(rs.getString(Column.STATUS.at()));
    Instant leaseUntil = dialect.instant(rs, Column.LEASE_UNTIL.at());
    String workerId = rs.getString(Column.WORKER_ID.at());
    Lease lease =
        status == TaskStatus.RUNNING && workerId != null && leaseUntil != null
            ? new Lease(workerId, leaseUntil)
            : null;
    String errorCode = rs.getString(Column.ERROR_CODE.at());
    String confirmedBy = rs.getString(Column.CONFIRMED_BY.at());
    TaskResult result = null;
    if (status == TaskStatus.COMPLETED) {
      Long total = Jdbc.nullableLong(rs, Column.ROWS_TOTAL.at());
      RowCounts counts =
          total == null
              ? null
              : new RowCounts(
                  total,
                  rs.getLong(Column.ROWS_IMPORTED.at()),
                  rs.getLong(Column.ROWS_REJECTED.at()),
                  rs.getLong(Column.ROWS_SKIPPED.at()));
      result =
          new TaskResult(
              fileRef(rs, Column.RESULT_KEY.at()), fileRef(rs, Column.REPORT_KEY.at()), counts);
    }
    return Task.builder()
        .id(TaskId.of(rs.getString(Column.ID.at())))
        .kind(TaskKind.valueOf(rs.getString(Column.KIND.at())))
        .type(rs.getString(Column.TYPE.at()))
        .owner(rs.getString(Column.OWNER.at()))
        .format(rs.getString(Column.FORMAT.at()))
        .params(rs.getString(Column.PARAMS.at()))
        .dedupKey(rs.getString(Column.DEDUP_KEY.at()))
        .input(fileRef(rs, Column.INPUT_KEY.at()))
        .status(status)
        .progress(
            new Progress(
                rs.getLong(Column.PROGRESS_DONE.at()),
                rs.getLong(Column.PROGRESS_TOTAL.at()),
                rs.getString(Column.PROGRESS_MESSAGE.at())))
        .attempts(
            new Attempts(rs.getInt(Column.ATTEMPT.at()), rs.getInt(Column.MAX_ATTEMPTS.at())))
        .lease(lease)
        .cancelRequested(rs.getBoolean(Column.CANCEL_REQUESTED.at()))
        .checkpoint(rs.getString(Column.CHECKPOINT.at()))
        .result(result)
        .error(
            errorCode == null
                ? null
                : TaskError.of(errorCode, rs.getString(Column.ERROR_MESSAGE.at())))
        .createdAt(dialect.instant(rs, Column.CREATED_AT.at()))
        .startedAt(dialect.instant(rs, Column.STARTED_AT.at()))
        .finishedAt(dialect.instant(rs, Column.FINISHED_AT.at()))
        .dueAt(dialect.instant(rs, Column.DUE_AT.at()))
        .expiresAt(dialect.instant(rs, Column.EXPIRES_AT.at()))
        .retention(Duration.ofMillis(rs.getLong(Column.RETENTION_MS.at())))
        .locale(rs.getString(Column.LOCALE.at()))
        .check(rs.getBoolean(Column.CHECK_ONLY.at()))
        .confirmedBy(confirmedBy == null ? null : TaskId.of(confirmedBy))
        .scheduling(scheduling(rs))
        .build();
  }

  private static Scheduling scheduling(ResultSet rs) throws SQLException {
    String owner = rs.getString(Column.OWNER.at());
    String key = rs.getString(Column.FAIR_KEY.at());
    return new Scheduling(
        rs.getInt(Column.PRIORITY.at()),
        Duration.ofMillis(rs.getLong(Column.PRIORITY_LEAD_MS.at())),
        key == null || key.equals(owner) ? null : key,
        rs.getInt(Column.MAX_ACTIVE.at()),
        rs.getInt(Column.MAX_ACTIVE_TYPE.at()));
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

  /** Reads the file ref whose key, name, size and type are the columns from {@code first}. */
  private static @Nullable FileRef fileRef(ResultSet rs, int first) throws SQLException {
    String key = rs.getString(first);
    if (key == null) {
      return null;
    }
    return new FileRef(
        key, rs.getString(first + 1), rs.getLong(first + 2), rs.getString(first + 3));
  }
}
