package io.taskport.spring.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.taskport.ExportRequest;
import io.taskport.ImportPreview;
import io.taskport.Progress;
import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskResult;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
 * @param columns the columns an export request chose, in order; empty for all of them
 * @param check whether the import only checks its file (a dry run) until it is confirmed
 * @param confirmedBy for a confirmed check, the id of the import that loads its upload
 * @param preview for a completed check read on its own, the first rows as they would be loaded
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
    @Nullable ResultView result,
    List<String> columns,
    boolean check,
    @Nullable String confirmedBy,
    @Nullable ImportPreview preview) {

  /** Reads only params JSON that Taskport bound and bounded when the task was submitted. */
  private static final JsonMapper PARAMS = JsonMapper.builder().build();

  static TaskView of(Task t) {
    return of(t, t.status().name(), t.progress());
  }

  /** Returns the view of a task with the preview of its check. */
  static TaskView of(Task t, @Nullable ImportPreview preview) {
    TaskView v = of(t);
    return new TaskView(
        v.id, v.kind, v.type, v.format, v.params, v.status, v.progress, v.createdAt, v.startedAt,
        v.finishedAt, v.expiresAt, v.error, v.result, v.columns, v.check, v.confirmedBy, preview);
  }

  static TaskView of(Task t, String status, Progress progress) {
    TaskError e = t.error();
    TaskResult r = t.result();
    String params = t.params();
    List<String> columns = List.of();
    if (params.contains(ExportRequest.COLUMNS_PARAM)
        && PARAMS.readTree(params) instanceof ObjectNode object
        && object.remove(ExportRequest.COLUMNS_PARAM) instanceof ArrayNode chosen) {
      columns = chosen.valueStream().map(JsonNode::asString).toList();
      params = PARAMS.writeValueAsString(object);
    }
    return new TaskView(
        t.id().value(),
        t.kind().name(),
        t.type(),
        t.format(),
        params,
        status,
        ProgressView.of(progress),
        t.createdAt(),
        t.startedAt(),
        t.finishedAt(),
        t.expiresAt(),
        e == null ? null : new ErrorView(e.code(), e.message()), // in the task's language
        r == null ? null : ResultView.of(r),
        columns,
        t.check(),
        t.confirmedBy() == null ? null : t.confirmedBy().value(),
        null);
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
