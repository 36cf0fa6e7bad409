package io.taskport.spring.web;

import io.taskport.ImportPreview;
import io.taskport.Page;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.store.CancelOutcome;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The user's tasks: read, list, cancel, delete, download, and confirm a checked import. Every call
 * checks the owner.
 */
@RestController
@RequestMapping(Paths.BASE + "/tasks")
class TaskController {
  static final int MAX_SIZE = 100;

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TaskController.class);

  private final TaskManager tasks;
  private final String base;

  TaskController(TaskManager tasks, TaskportWebProperties web) {
    this.tasks = tasks;
    this.base = web.getBasePath();
  }

  /**
   * One page of tasks.
   *
   * @param items the tasks, newest first
   * @param page the cursor this page was asked with, or {@code null} for the first page
   * @param size the most items a page holds
   * @param hasMore whether another page may follow (it may turn out empty)
   * @param next the {@code page} cursor of the next page, or {@code null} when none follows
   */
  record PageView(
      List<TaskView> items, @Nullable String page, int size, boolean hasMore, @Nullable String next) {}

  /**
   * The answer to a cancel.
   *
   * @param outcome CANCELLED, REQUESTED (a running task stops at its next checkpoint) or
   *     ALREADY_FINISHED
   */
  record CancelView(String outcome) {}

  @GetMapping("/{id}")
  TaskView get(@PathVariable String id, Owner user) {
    Task t = tasks.get(TaskIds.parse(id), user.name());
    if (!t.check() || t.status() != TaskStatus.COMPLETED) {
      return TaskView.of(t);
    }
    try {
      return TaskView.of(t, tasks.preview(t.id(), user.name()));
    } catch (IOException | TaskStateException e) {
      log.warn("task {}: reading the preview of its check failed: {}", t.id(), e.toString());
      return TaskView.of(t);
    }
  }

  /** The first rows of a completed check as they would be loaded. */
  @GetMapping("/{id}/preview")
  ImportPreview preview(@PathVariable String id, Owner user) throws IOException {
    return tasks.preview(TaskIds.parse(id), user.name());
  }

  /** Loads the stored upload of a completed check: 202 with the new import and its Location. */
  @PostMapping("/{id}/confirm")
  ResponseEntity<TaskView> confirm(@PathVariable String id, Owner user) {
    Submission s = tasks.confirm(TaskIds.parse(id), user.name());
    return ResponseEntity.accepted()
        .location(URI.create(base + "/tasks/" + s.id().value()))
        .body(TaskView.of(s.task()));
  }

  @GetMapping
  PageView list(
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String kind,
      @RequestParam(required = false) @Nullable String page,
      @RequestParam(defaultValue = "20") int size,
      Owner user) {
    if (size < 1 || size > MAX_SIZE) {
      throw new ValidationException("size", Languages.WEB.key("request.size", MAX_SIZE));
    }
    TaskQuery q = TaskQuery.of(user.name()).statuses(QueryParams.statuses(status)).type(type).limit(size);
    Page.Cursor cursor = null;
    if (page != null && !page.isBlank()) {
      try {
        cursor = Page.Cursor.decode(page);
      } catch (IllegalArgumentException e) {
        throw new ValidationException("page", Languages.WEB.key("request.page"));
      }
    }
    Page<Task> p = TaskPages.read(tasks, q, cursor, QueryParams.kind(kind), size);
    String next = p.next() == null ? null : p.next().encode();
    return new PageView(
        p.items().stream().map(TaskView::of).toList(),
        cursor == null ? null : page,
        size,
        next != null,
        next);
  }

  @PostMapping("/{id}/cancel")
  CancelView cancel(@PathVariable String id, Owner user) {
    CancelOutcome outcome = tasks.cancel(TaskIds.parse(id), user.name());
    return new CancelView(outcome.name());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id, Owner user) {
    tasks.delete(TaskIds.parse(id), user.name());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/file")
  ResponseEntity<InputStreamResource> file(@PathVariable String id, Owner user)
      throws IOException {
    return FileResponses.result(tasks, TaskIds.parse(id), user.name(), false);
  }

  @GetMapping("/{id}/errors")
  ResponseEntity<InputStreamResource> errors(@PathVariable String id, Owner user)
      throws IOException {
    return FileResponses.result(tasks, TaskIds.parse(id), user.name(), true);
  }
}
