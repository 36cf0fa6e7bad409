package io.taskport;

import static java.util.Objects.requireNonNull;

import io.taskport.file.FileRef;
import io.taskport.store.Fence;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of a task as its store holds it. Stores rebuild tasks with {@link
 * #builder()} and {@link #toBuilder()}.
 *
 * @param id the task's id
 * @param kind export or import
 * @param type the handler type, such as {@code accounts}
 * @param owner who asked for the task; every user-facing call checks it
 * @param format the file format name, such as {@code csv} or {@code xlsx}
 * @param params the handler's params as JSON
 * @param dedupKey with owner and type, at most one active task has this key
 * @param input for an import, the uploaded file
 * @param status where the task is in its life
 * @param progress how far it has come
 * @param attempts claims so far and the most allowed
 * @param lease the worker's hold while RUNNING, otherwise {@code null}
 * @param cancelRequested whether a cancel was asked for while it was RUNNING
 * @param checkpoint where a resumable task got to, saved by its worker (an import saves its
 *     accepted row count); kept across attempts
 * @param result what a COMPLETED task produced
 * @param error why a FAILED task failed, or why the last attempt failed while a retry is pending
 * @param createdAt when the task was created, by the store's clock
 * @param startedAt when the current or last attempt started
 * @param finishedAt when it reached a terminal status
 * @param dueAt when a PENDING task may next be claimed
 * @param expiresAt when a finished task and its files are purged
 * @param retention how long a finished task is kept
 * @param locale the submitter's language as a BCP 47 tag, such as {@code zh-CN}, in which the
 *     task's messages and reports are written; {@code null} for English
 */
public record Task(
    TaskId id,
    TaskKind kind,
    String type,
    String owner,
    String format,
    String params,
    @Nullable String dedupKey,
    @Nullable FileRef input,
    TaskStatus status,
    Progress progress,
    Attempts attempts,
    @Nullable Lease lease,
    boolean cancelRequested,
    @Nullable String checkpoint,
    @Nullable TaskResult result,
    @Nullable TaskError error,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Instant dueAt,
    @Nullable Instant expiresAt,
    Duration retention,
    @Nullable String locale) {

  /** Checks that required parts are present and consistent with the status. */
  public Task {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(type, "type");
    requireNonNull(owner, "owner");
    requireNonNull(format, "format");
    requireNonNull(params, "params");
    requireNonNull(status, "status");
    requireNonNull(progress, "progress");
    requireNonNull(attempts, "attempts");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(retention, "retention");
    if (status == TaskStatus.RUNNING && lease == null) {
      throw new IllegalArgumentException("task " + id + " is RUNNING without a lease");
    }
    if (status != TaskStatus.RUNNING) {
      lease = null;
    }
  }

  /** Returns whether the task has reached COMPLETED, FAILED or CANCELLED. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /**
   * Returns the fence of the running attempt.
   *
   * @throws IllegalStateException if the task is not RUNNING
   */
  public Fence fence() {
    if (lease == null) {
      throw new IllegalStateException("task " + id + " is " + status + ", not RUNNING");
    }
    return new Fence(id, lease.workerId(), attempts.current());
  }

  /** Returns a builder with every field of this task. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Task}; used by stores. Not thread-safe. */
  public static final class Builder {
    private @Nullable TaskId id;
    private @Nullable TaskKind kind;
    private @Nullable String type;
    private @Nullable String owner;
    private String format = "csv";
    private String params = "{}";
    private @Nullable String dedupKey;
    private @Nullable FileRef input;
    private TaskStatus status = TaskStatus.PENDING;
    private Progress progress = Progress.NONE;
    private Attempts attempts = new Attempts(0, 1);
    private @Nullable Lease lease;
    private boolean cancelRequested;
    private @Nullable String checkpoint;
    private @Nullable TaskResult result;
    private @Nullable TaskError error;
    private @Nullable Instant createdAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable Instant dueAt;
    private @Nullable Instant expiresAt;
    private Duration retention = Duration.ofDays(7);
    private @Nullable String locale;

    private Builder() {}

    private Builder(Task t) {
      id = t.id;
      kind = t.kind;
      type = t.type;
      owner = t.owner;
      format = t.format;
      params = t.params;
      dedupKey = t.dedupKey;
      input = t.input;
      status = t.status;
      progress = t.progress;
      attempts = t.attempts;
      lease = t.lease;
      cancelRequested = t.cancelRequested;
      checkpoint = t.checkpoint;
      result = t.result;
      error = t.error;
      createdAt = t.createdAt;
      startedAt = t.startedAt;
      finishedAt = t.finishedAt;
      dueAt = t.dueAt;
      expiresAt = t.expiresAt;
      retention = t.retention;
      locale = t.locale;
    }

    /** Sets the id. */
    public Builder id(TaskId id) {
      this.id = id;
      return this;
    }

    /** Sets the kind. */
    public Builder kind(TaskKind kind) {
      this.kind = kind;
      return this;
    }

    /** Sets the handler type. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets the owner. */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** Sets the format name. */
    public Builder format(String format) {
      this.format = format;
      return this;
    }

    /** Sets the params JSON. */
    public Builder params(String params) {
      this.params = params;
      return this;
    }

    /** Sets the dedup key. */
    public Builder dedupKey(@Nullable String dedupKey) {
      this.dedupKey = dedupKey;
      return this;
    }

    /** Sets the uploaded file of an import. */
    public Builder input(@Nullable FileRef input) {
      this.input = input;
      return this;
    }

    /** Sets the status. */
    public Builder status(TaskStatus status) {
      this.status = status;
      return this;
    }

    /** Sets the progress. */
    public Builder progress(Progress progress) {
      this.progress = progress;
      return this;
    }

    /** Sets the attempts. */
    public Builder attempts(Attempts attempts) {
      this.attempts = attempts;
      return this;
    }

    /** Sets the lease. */
    public Builder lease(@Nullable Lease lease) {
      this.lease = lease;
      return this;
    }

    /** Sets whether a cancel was requested. */
    public Builder cancelRequested(boolean cancelRequested) {
      this.cancelRequested = cancelRequested;
      return this;
    }

    /** Sets the checkpoint. */
    public Builder checkpoint(@Nullable String checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    /** Sets the result. */
    public Builder result(@Nullable TaskResult result) {
      this.result = result;
      return this;
    }

    /** Sets the error. */
    public Builder error(@Nullable TaskError error) {
      this.error = error;
      return this;
    }

    /** Sets the creation time. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** Sets the start time of the current or last attempt. */
    public Builder startedAt(@Nullable Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /** Sets the finish time. */
    public Builder finishedAt(@Nullable Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    /** Sets when a pending task may next be claimed. */
    public Builder dueAt(@Nullable Instant dueAt) {
      this.dueAt = dueAt;
      return this;
    }

    /** Sets when a finished task is purged. */
    public Builder expiresAt(@Nullable Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** Sets how long a finished task is kept. */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /** Sets the submitter's language as a BCP 47 tag, or {@code null} for English. */
    public Builder locale(@Nullable String locale) {
      this.locale = locale;
      return this;
    }

    /**
     * Builds the task.
     *
     * @throws NullPointerException if a required field is missing
     * @throws IllegalArgumentException if fields contradict each other
     */
    public Task build() {
      return new Task(
          requireNonNull(id, "id"),
          requireNonNull(kind, "kind"),
          requireNonNull(type, "type"),
          requireNonNull(owner, "owner"),
          format,
          params,
          dedupKey,
          input,
          status,
          progress,
          attempts,
          lease,
          cancelRequested,
          checkpoint,
          result,
          error,
          requireNonNull(createdAt, "createdAt"),
          startedAt,
          finishedAt,
          dueAt,
          expiresAt,
          retention,
          locale);
    }
  }
}
