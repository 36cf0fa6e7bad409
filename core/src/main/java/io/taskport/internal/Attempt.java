package io.taskport.internal;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.handler.ExportContext;
import io.taskport.handler.ImportContext;
import io.taskport.store.Fence;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One running attempt of a task on this node: what the handler sees as its context, and what the
 * housekeeper reads to renew the lease. Exactly one party {@link #settle() settles} the attempt
 * and writes its end through {@link Endings}: the worker when the handler returns, or the
 * housekeeper on a timeout, or {@code close()} when it hands the task back. The attempt {@link
 * #ended() ends} locally once: its lease is no longer renewed and its slots are free.
 */
final class Attempt implements ExportContext<Object>, ImportContext<Object> {
  final Task task;
  final Fence fence;
  final Instant startedAt;
  private final Object params;
  private final AtomicBoolean settled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean timedOut = new AtomicBoolean();
  private volatile @Nullable Runnable onEnd;
  private volatile @Nullable Instant settledAt;
  private volatile @Nullable Thread settledBy;
  private volatile Progress progress;
  private volatile @Nullable String checkpoint;
  private volatile boolean cancelRequested;
  private volatile boolean lost;
  private volatile @Nullable Thread thread;

  // written by the heartbeat loop only; lastBeat is also read by the sweep loop
  Progress sentProgress;
  volatile Instant lastBeat;

  Attempt(Task task, Object params, Instant startedAt) {
    this.task = task;
    this.fence = task.fence();
    this.params = params;
    this.startedAt = startedAt;
    this.progress = task.progress();
    this.sentProgress = task.progress();
    this.lastBeat = startedAt;
  }

  /** Claims the right to write this attempt's end; true for the first caller only. */
  boolean settle(Instant now) {
    if (settled.compareAndSet(false, true)) {
      settledAt = now;
      settledBy = Thread.currentThread();
      return true;
    }
    return false;
  }

  boolean isSettled() {
    return settled.get();
  }

  /** When the end began to be written, or null while the attempt is unsettled. */
  @Nullable Instant settledAt() {
    return settledAt;
  }

  /** Whether the calling thread settled the attempt. */
  boolean settledHere() {
    return settledBy == Thread.currentThread();
  }

  /** Marks the attempt as past its timeout; true for the first caller only. */
  boolean timeOut() {
    return timedOut.compareAndSet(false, true);
  }

  /** Sets what ending the attempt locally does: free its slots and stop renewing its lease. */
  void onEnd(Runnable hook) {
    onEnd = hook;
  }

  /** Ends the attempt on this node, once: runs the end hook. */
  void ended() {
    if (ended.compareAndSet(false, true)) {
      Runnable hook = onEnd;
      if (hook != null) {
        hook.run();
      }
    }
  }

  boolean isEnded() {
    return ended.get();
  }

  /** Whether the calling thread runs this attempt's handler. */
  boolean isHandlerThread() {
    return thread == Thread.currentThread();
  }

  void requestCancel() {
    cancelRequested = true;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  /** Marks the lease as lost: another worker may own the task now, so stop and write nothing. */
  void markLost() {
    lost = true;
  }

  boolean isLost() {
    return lost;
  }

  void bind(@Nullable Thread thread) {
    this.thread = thread;
  }

  void interrupt() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  Progress currentProgress() {
    return progress;
  }

  /** Returns the checkpoint not yet saved, and forgets it. */
  @Nullable String takeCheckpoint() {
    String c = checkpoint;
    checkpoint = null;
    return c;
  }

  void checkpoint(String value) {
    checkpoint = value;
  }

  @Override
  public TaskId taskId() {
    return task.id();
  }

  @Override
  public java.util.Locale locale() {
    return io.taskport.Messages.locale(task.locale());
  }

  @Override
  public String owner() {
    return task.owner();
  }

  @Override
  public Object params() {
    return params;
  }

  @Override
  public int attempt() {
    return fence.attempt();
  }

  @Override
  public String format() {
    return task.format();
  }

  @Override
  public void progress(long done, long total) {
    progress = new Progress(done, total, progress.message());
  }

  @Override
  public void progress(long done, long total, String message) {
    progress = new Progress(done, total, message);
  }

  @Override
  public boolean isCancelled() {
    return cancelRequested || lost || settled.get();
  }

  @Override
  public long acceptedRows() {
    String c = task.checkpoint();
    if (c == null) {
      return 0;
    }
    try {
      return Long.parseLong(c);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String fileName() {
    return task.input() == null ? "" : task.input().fileName();
  }
}
