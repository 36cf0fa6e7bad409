package io.taskport.store;

import io.taskport.Attempts;
import io.taskport.Lease;
import io.taskport.Messages;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The tasks an {@link InMemoryTaskStore} stores after each step, built from the one before. */
final class MemoryTasks {
  private MemoryTasks() {}

  static Task created(NewTask n, Instant now) {
    return Task.builder()
        .id(n.id())
        .kind(n.kind())
        .type(n.type())
        .owner(n.owner())
        .format(n.format())
        .params(n.params())
        .dedupKey(n.dedupKey())
        .input(n.input())
        .attempts(new Attempts(0, n.maxAttempts()))
        .createdAt(now)
        .dueAt(now)
        .retention(n.retention())
        .locale(n.locale())
        .check(n.check())
        .scheduling(n.scheduling())
        .build();
  }

  static Task claimed(Task old, String workerId, Instant leaseUntil, Instant now) {
    return old.toBuilder()
        .status(TaskStatus.RUNNING)
        .attempts(new Attempts(old.attempts().current() + 1, old.attempts().max()))
        .lease(new Lease(workerId, leaseUntil))
        .startedAt(now)
        .dueAt(null)
        .build();
  }

  /** A FAILED task made due again with {@code attempts} more attempts. */
  static Task retried(Task old, int attempts, Instant now) {
    int current = old.attempts().current();
    return old.toBuilder()
        .status(TaskStatus.PENDING)
        .attempts(new Attempts(current, current + attempts))
        .cancelRequested(false)
        .finishedAt(null)
        .expiresAt(null)
        .dueAt(now)
        .build();
  }

  /** A task whose lease ran out: cancelled if asked to, else due again, else failed. */
  static Task afterLostLease(Task old, Instant now) {
    if (old.cancelRequested()) {
      return terminal(old, TaskStatus.CANCELLED, null, null, now);
    }
    if (old.attempts().hasMore()) {
      TaskError lost =
          TaskError.of(
              TaskError.LEASE_LOST,
              Messages.format(
                  Messages.locale(old.locale()),
                  "task.leaseLost.retrying",
                  old.attempts().current()));
      return old.toBuilder().status(TaskStatus.PENDING).error(lost).dueAt(now).build();
    }
    TaskError error =
        TaskError.of(
            TaskError.LEASE_LOST,
            Messages.format(
                Messages.locale(old.locale()), "task.leaseLost.failed", old.attempts().max()));
    return terminal(old, TaskStatus.FAILED, null, error, now);
  }

  static Task terminal(
      Task old,
      TaskStatus status,
      @Nullable TaskResult result,
      @Nullable TaskError error,
      Instant now) {
    return old.toBuilder()
        .status(status)
        .result(result)
        .error(error)
        .finishedAt(now)
        .dueAt(null)
        .expiresAt(now.plus(old.retention()))
        .build();
  }
}
