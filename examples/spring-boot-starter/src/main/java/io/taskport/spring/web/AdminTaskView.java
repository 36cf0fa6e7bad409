package io.taskport.spring.web;

import io.taskport.Lease;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskResult;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A task as the operator dashboard shows it: everything its owner sees, plus the owner, attempts,
 * worker and lease. No params and no storage keys.
 *
 * @param id the task id
 * @param kind EXPORT or IMPORT
 * @param type the handler type
 * @param owner who submitted it
 * @param format the file format
 * @param status PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param progress rows done and total
 * @param attempt claims so far
 * @param maxAttempts the most claims allowed
 * @param workerId the worker holding it while RUNNING
 * @param leaseUntil when that worker's lease ends
 * @param cancelRequested whether a cancel was asked for while it ran
 * @param createdAt when it was submitted
 * @param startedAt when its last attempt started
 * @param finishedAt when it ended
 * @param dueAt when a PENDING task may next be claimed
 * @param expiresAt when it and its files are purged
 * @param error its last error
 * @param result what it produced
 */
public record AdminTaskView(
    String id,
    String kind,
    String type,
    String owner,
    String format,
    String status,
    TaskView.ProgressView progress,
    int attempt,
    int maxAttempts,
    @Nullable String workerId,
    @Nullable Instant leaseUntil,
    boolean cancelRequested,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Instant dueAt,
    @Nullable Instant expiresAt,
    TaskView.@Nullable ErrorView error,
    TaskView.@Nullable ResultView result) {

  static AdminTaskView of(Task t) {
    Lease lease = t.lease();
    TaskError e = t.error();
    TaskResult r = t.result();
    return new AdminTaskView(
        t.id().value(),
        t.kind().name(),
        t.type(),
        t.owner(),
        t.format(),
        t.status().name(),
        TaskView.ProgressView.of(t.progress()),
        t.attempts().current(),
        t.attempts().max(),
        lease == null ? null : lease.workerId(),
        lease == null ? null : lease.until(),
        t.cancelRequested(),
        t.createdAt(),
        t.startedAt(),
        t.finishedAt(),
        t.dueAt(),
        t.expiresAt(),
        e == null ? null : new TaskView.ErrorView(e.code(), e.message()),
        r == null ? null : TaskView.ResultView.of(r));
  }
}
