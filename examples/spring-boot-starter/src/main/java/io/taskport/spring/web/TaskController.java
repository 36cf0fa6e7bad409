package io.taskport.spring.web;

import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import io.taskport.ValidationException;
import io.taskport.store.CancelOutcome;
import java.io.IOException;
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

/** The user's tasks: read, list, cancel, delete and download. Every call checks the owner. */
@RestController
@RequestMapping(Paths.BASE + "/tasks")
class TaskController {
  static final int MAX_SIZE = 100;

  private final TaskManager tasks;

  TaskController(TaskManager tasks) {
    this.tasks = tasks;
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
    return TaskView.of(tasks.get(TaskIds.parse(id), user.name()));
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
      throw new ValidationException("size", "must be 1 to " + MAX_SIZE);
    }
    TaskQuery q = TaskQuery.of(user.name()).statuses(QueryParams.statuses(status)).type(type).limit(size);
    Page.Cursor cursor = null;
    if (page != null && !page.isBlank()) {
      try {
        cursor = Page.Cursor.decode(page);
      } catch (IllegalArgumentException e) {
        throw new ValidationException("page", "is not a page cursor from a previous answer");
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
