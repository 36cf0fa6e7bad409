package io.taskport.spring.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.taskport.Progress;
import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskResult;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A task as the API shows it to its owner: its own params, but no storage keys or worker ids.
 *
 * @param id the task id
 * @param kind EXPORT or IMPORT
 * @param type the handler type
 * @param format the file format
 * @param params the params it was submitted with, as a JSON object (a page that reloads shows
 *     them in its form)
 * @param status PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param progress rows done and total
 * @param createdAt when it was submitted
 * @param startedAt when its last attempt started
 * @param finishedAt when it ended
 * @param expiresAt when it and its files are purged
 * @param error why it failed
 * @param result what it produced
 */
public record TaskView(
    String id,
    String kind,
    String type,
    String format,
    @JsonRawValue String params,
    String status,
    ProgressView progress,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Instant expiresAt,
    @Nullable ErrorView error,
    @Nullable ResultView result) {

  static TaskView of(Task t) {
    return of(t, t.status().name(), t.progress());
  }

  static TaskView of(Task t, String status, Progress progress) {
    TaskError e = t.error();
    TaskResult r = t.result();
    return new TaskView(
        t.id().value(),
        t.kind().name(),
        t.type(),
        t.format(),
        t.params(),
        status,
        ProgressView.of(progress),
        t.createdAt(),
        t.startedAt(),
        t.finishedAt(),
        t.expiresAt(),
        e == null ? null : new ErrorView(e.code(), message(t, e)),
        r == null ? null : ResultView.of(r));
  }

  /**
   * Returns the error's text; a lost lease, which the store words in English, in the task's
   * language.
   */
  private static String message(Task t, TaskError e) {
    if (t.locale() != null && e.code().equals(TaskError.LEASE_LOST)) {
      return io.taskport.Messages.format(
          io.taskport.Messages.locale(t.locale()), "task.leaseLost");
    }
    return e.message();
  }

  /**
   * How far a task has come.
   *
   * @param done rows done
   * @param total rows in all, or -1 when unknown
   * @param percent 0 to 100, or {@code null} when the total is unknown
   * @param message a short text, or {@code null}
   */
  public record ProgressView(long done, long total, @Nullable Integer percent, @Nullable String message) {
    static ProgressView of(Progress p) {
      double f = p.fraction();
      return new ProgressView(
          p.done(), p.total(), f < 0 ? null : (int) Math.floor(f * 100), p.message());
    }
  }

  /**
   * Why a task failed.
   *
   * @param code a stable code such as TIMEOUT
   * @param message text for the user
   */
  public record ErrorView(String code, String message) {}

  /**
   * What a task produced.
   *
   * @param fileName the download name of an export's file
   * @param size its size in bytes
   * @param errorReport whether an import has an error report
   * @param counts an import's row counts
   */
  public record ResultView(
      @Nullable String fileName, @Nullable Long size, boolean errorReport, @Nullable RowCounts counts) {
    static ResultView of(TaskResult r) {
      return new ResultView(
          r.file() == null ? null : r.file().fileName(),
          r.file() == null ? null : r.file().size(),
          r.errorReport() != null,
          r.counts());
    }
  }
}
