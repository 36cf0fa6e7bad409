package io.taskport.jdbc;

import io.taskport.Progress;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.store.CancelOutcome;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every transition of a claimed task, each a single fenced UPDATE whose update count decides the
 * answer, and cancel requests.
 */
final class Transitions {
  private static final String FENCE =
      "WHERE id = ? AND worker_id = ? AND attempt = ? AND {status=RUNNING}";

  private static final String HEARTBEAT =
      """
      UPDATE {task}
      SET progress_done = ?, progress_total = ?, progress_message = ?, lease_until = {now+?}
      """
          + FENCE
          + " AND cancel_requested = ?";

  private static final String HEARTBEAT_CHECKPOINT =
      """
      UPDATE {task}
      SET progress_done = ?, progress_total = ?, progress_message = ?, lease_until = {now+?},
          checkpoint = ?
      """
          + FENCE
          + " AND cancel_requested = ?";

  private static final String COMPLETE =
      """
      UPDATE {task}
      SET status = 'COMPLETED',
          result_key = ?, result_name = ?, result_size = ?, result_type = ?,
          report_key = ?, report_name = ?, report_size = ?, report_type = ?,
          rows_total = ?, rows_imported = ?, rows_rejected = ?, rows_skipped = ?,
          error_code = NULL, error_message = NULL, active_key = NULL,
          lease_until = NULL, due_at = NULL, finished_at = {now}, expires_at = {now+retention}
      """
          + FENCE;

  private static final String COMPLETE_WITH_PROGRESS =
      COMPLETE.replace(
          "SET status = 'COMPLETED',",
          "SET status = 'COMPLETED', progress_done = ?, progress_total = ?, progress_message = ?,");

  private static final String FAIL =
      """
      UPDATE {task}
      SET status = 'FAILED', error_code = ?, error_message = ?, active_key = NULL,
          lease_until = NULL, due_at = NULL, finished_at = {now}, expires_at = {now+retention}
      """
          + FENCE;

  private static final String RETRY =
      """
      UPDATE {task}
      SET status = 'PENDING', error_code = ?, error_message = ?, lease_until = NULL,
          due_at = {now+?}
      """
          + FENCE;

  private static final String CANCELLED =
      """
      UPDATE {task}
      SET status = 'CANCELLED', error_code = NULL, error_message = NULL, active_key = NULL,
          lease_until = NULL, due_at = NULL, finished_at = {now}, expires_at = {now+retention}
      """
          + FENCE;

  private static final String RELEASE =
      """
      UPDATE {task}
      SET status = 'PENDING', attempt = attempt - 1, lease_until = NULL, due_at = {now}
      """
          + FENCE;

  private static final String CANCEL_PENDING =
      """
      UPDATE {task}
      SET status = 'CANCELLED', error_code = NULL, error_message = NULL, active_key = NULL,
          due_at = NULL, finished_at = {now}, expires_at = {now+retention}
      WHERE id = ? AND {status=PENDING}\
      """;

  private static final String FLAG_CANCEL =
      """
      UPDATE {task} SET cancel_requested = TRUE
      WHERE id = ? AND {status=RUNNING}\
      """;

  private static final String STATUS = "SELECT status FROM {task} WHERE id = ?";

  private final Jdbc jdbc;
  private final Sql sql;

  Transitions(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
  }

  Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, long leaseMillis) {
    String template = checkpoint == null ? HEARTBEAT : HEARTBEAT_CHECKPOINT;
    for (boolean cancelRequested : new boolean[] {false, true}) {
      int n =
          jdbc.update(
              "heartbeat " + fence.id(),
              sql.of(template),
              ps -> {
                ps.setLong(1, progress.done());
                ps.setLong(2, progress.total());
                Jdbc.setNullableString(ps, 3, progress.message());
                ps.setLong(4, leaseMillis);
                int i = 5;
                if (checkpoint != null) {
                  ps.setString(i++, checkpoint);
                }
                i = bindFence(ps, i, fence);
                ps.setBoolean(i, cancelRequested);
              });
      if (Jdbc.one("heartbeat " + fence.id(), n)) {
        return cancelRequested ? Heartbeat.CANCEL_REQUESTED : Heartbeat.ALIVE;
      }
    }
    return Heartbeat.LOST;
  }

  boolean complete(Fence fence, TaskResult result, @Nullable Progress progress) {
    return fenced(
        "complete",
        progress == null ? COMPLETE : COMPLETE_WITH_PROGRESS,
        fence,
        ps -> {
          int i = 1;
          if (progress != null) {
            ps.setLong(1, progress.done());
            ps.setLong(2, progress.total());
            Jdbc.setNullableString(ps, 3, progress.message());
            i = 4;
          }
          i = TaskRows.bindFile(ps, i, result.file());
          i = TaskRows.bindFile(ps, i, result.errorReport());
          return TaskRows.bindCounts(ps, i, result.counts());
        });
  }

  boolean fail(Fence fence, TaskError error, @Nullable Long retryAfterMillis) {
    return fenced(
        "fail",
        retryAfterMillis == null ? FAIL : RETRY,
        fence,
        ps -> {
          ps.setString(1, error.code());
          ps.setString(2, error.message());
          if (retryAfterMillis == null) {
            return 3;
          }
          ps.setLong(3, retryAfterMillis);
          return 4;
        });
  }

  boolean cancelled(Fence fence) {
    return fenced("cancelled", CANCELLED, fence, ps -> 1);
  }

  boolean release(Fence fence) {
    return fenced("release", RELEASE, fence, ps -> 1);
  }

  CancelOutcome requestCancel(TaskId id) {
    String op = "requestCancel " + id;
    // a task can move between PENDING and RUNNING while we ask; a few rounds settle it
    for (int round = 0; round < 5; round++) {
      if (Jdbc.one(
          op, jdbc.update(op, sql.of(CANCEL_PENDING), ps -> ps.setString(1, id.value())))) {
        return CancelOutcome.CANCELLED;
      }
      if (Jdbc.one(op, jdbc.update(op, sql.of(FLAG_CANCEL), ps -> ps.setString(1, id.value())))) {
        return CancelOutcome.REQUESTED;
      }
      Optional<String> status =
          jdbc.queryOne(
              op, sql.of(STATUS), ps -> ps.setString(1, id.value()), rs -> rs.getString(1));
      if (status.isEmpty()) {
        return CancelOutcome.NOT_FOUND;
      }
      if (TaskStatus.valueOf(status.get()).isTerminal()) {
        return CancelOutcome.ALREADY_FINISHED;
      }
    }
    throw new IllegalStateException(op + ": the task kept changing status");
  }

  /** Binds the parameters before the fence and returns the index of the fence's first one. */
  @FunctionalInterface
  private interface Head {
    int bind(PreparedStatement ps) throws SQLException;
  }

  private boolean fenced(String op, String template, Fence fence, Head head) {
    String what = op + " " + fence.id();
    int n = jdbc.update(what, sql.of(template), ps -> bindFence(ps, head.bind(ps), fence));
    return Jdbc.one(what, n);
  }

  private static int bindFence(PreparedStatement ps, int i, Fence fence) throws SQLException {
    ps.setString(i, fence.id().value());
    ps.setString(i + 1, fence.workerId());
    ps.setInt(i + 2, fence.attempt());
    return i + 3;
  }
}
