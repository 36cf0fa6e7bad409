package io.taskport.spring.web;

import io.taskport.ExportRequest;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three calls of the original design, for old clients, on the same manager:
 *
 * <ul>
 *   <li>{@code POST /api/legacy/registerExportTask?type=&format=&params=} registers an export; a
 *       second registration while one is active returns the active one's id (no 409 here);
 *   <li>{@code GET /api/legacy/getTaskStatus?taskId=} answers {@code status} 0 (pending or
 *       running), 1 (completed) or 2 (failed or cancelled), a {@code message}, a signed download
 *       {@code url} once completed, and the {@code state} name;
 *   <li>{@code POST /api/legacy/clearTaskInfo?taskId=} cancels an active task, or deletes a
 *       finished one and its file.
 * </ul>
 *
 * Errors are the same problem details as the rest of the API.
 */
@RestController
@RequestMapping(Paths.BASE + "/legacy")
class LegacyController {
  private final TaskManager tasks;
  private final DownloadLinks links;

  LegacyController(TaskManager tasks, DownloadLinks links) {
    this.tasks = tasks;
    this.links = links;
  }

  /**
   * The answer to registerExportTask.
   *
   * @param taskId the task's id
   * @param created whether a new task was started
   */
  record Registered(String taskId, boolean created) {}

  /**
   * The answer to getTaskStatus.
   *
   * @param status 0 pending or running, 1 completed, 2 failed or cancelled
   * @param message progress or error text
   * @param url the signed download URL once completed, else {@code null}
   * @param state the task status name
   */
  record Status(int status, String message, @Nullable String url, String state) {}

  /**
   * The answer to clearTaskInfo.
   *
   * @param cleared what happened: CANCELLED, REQUESTED, ALREADY_FINISHED or DELETED
   */
  record Cleared(String cleared) {}

  @PostMapping("/registerExportTask")
  Registered register(
      @RequestParam String type,
      @RequestParam(defaultValue = "csv") String format,
      @RequestParam(required = false) @Nullable String params,
      Owner user,
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String lang) {
    Submission s =
        tasks.submit(
            ExportRequest.of(type, user.name())
                .format(format)
                .params(params)
                .locale(Languages.forTask(Languages.of(lang))));
    return new Registered(s.id().value(), s.created());
  }

  @GetMapping("/getTaskStatus")
  Status status(
      @RequestParam String taskId,
      Owner user,
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String lang) {
    TaskId id = TaskIds.parse(taskId);
    Task t = tasks.get(id, user.name());
    Locale l = Languages.of(lang);
    return switch (t.status()) {
      case PENDING, RUNNING -> new Status(0, progress(t, l), null, t.status().name());
      case COMPLETED ->
          new Status(1, Languages.text(l, "legacy.completed"), url(t), t.status().name());
      case FAILED, CANCELLED ->
          new Status(
              2,
              t.error() == null
                  ? Languages.text(l, "legacy." + t.status().name().toLowerCase(Locale.ROOT))
                  : t.error().message(), // written in the task's language
              null,
              t.status().name());
    };
  }

  @PostMapping("/clearTaskInfo")
  Cleared clear(@RequestParam String taskId, Owner user) {
    TaskId id = TaskIds.parse(taskId);
    Task t = tasks.get(id, user.name());
    if (!t.isTerminal()) {
      return new Cleared(tasks.cancel(id, user.name()).name());
    }
    tasks.delete(id, user.name());
    return new Cleared("DELETED");
  }

  private static String progress(Task t, Locale l) {
    if (t.status() == TaskStatus.PENDING) {
      return Languages.text(l, "legacy.waiting");
    }
    return t.progress().total() > 0
        ? Languages.text(l, "legacy.progress", t.progress().done(), t.progress().total())
        : Languages.text(l, "legacy.rows", t.progress().done());
  }

  private @Nullable String url(Task t) {
    if (t.result() == null || t.result().file() == null) {
      return null;
    }
    return DownloadLinks.url(links.sign(t.id(), "result", t.owner()));
  }
}
