package io.taskport.spring.web;

import io.taskport.AdminQuery;
import io.taskport.Page;
import io.taskport.QueueStats;
import io.taskport.Task;
import io.taskport.TaskAdmin;
import io.taskport.TaskCount;
import io.taskport.TaskManager;
import io.taskport.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator dashboard's JSON API over {@link TaskAdmin}: every owner's tasks, their detail,
 * retry, cancel, delete, purge now, counts and queue figures. {@link DashboardGuard} lets only
 * holders of the dashboard role through.
 */
@RestController
@RequestMapping(Paths.BASE + "/admin")
class AdminController {
  private final TaskAdmin admin;

  AdminController(TaskManager tasks) {
    this.admin = tasks.admin();
  }

  /** One page of tasks, newest first, and the cursor of the next. */
  record PageView(List<AdminTaskView> items, @Nullable String next) {}

  /** The answer to a cancel: CANCELLED, REQUESTED or ALREADY_FINISHED. */
  record CancelView(String outcome) {}

  /** The answer to a purge: how many tasks were deleted. */
  record PurgeView(int purged) {}

  /**
   * Counts per type and status, with the queue figures of the last {@code window}, the owners
   * with the most queued tasks and the scheduling rules in force.
   */
  record SummaryView(
      List<TaskCount> counts,
      StatsView stats,
      List<io.taskport.OwnerCount> owners,
      java.util.Map<String, String> rules) {}

  /** {@link QueueStats} with durations in milliseconds. */
  record StatsView(
      long windowMs,
      int sampled,
      int waiting,
      @Nullable Long averageWaitMs,
      @Nullable Long longestWaitMs,
      int completed,
      int failed,
      double finishedPerMinute) {
    static StatsView of(QueueStats s) {
      return new StatsView(
          s.window().toMillis(),
          s.sampled(),
          s.waiting(),
          s.averageWait() == null ? null : s.averageWait().toMillis(),
          s.longestWait() == null ? null : s.longestWait().toMillis(),
          s.completed(),
          s.failed(),
          s.finishedPerMinute());
    }
  }

  @GetMapping("/tasks")
  PageView list(
      @RequestParam(required = false) @Nullable String owner,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String type,
      @RequestParam(required = false) @Nullable String kind,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String page,
      @RequestParam(defaultValue = "50") int size) {
    if (size < 1 || size > 200) {
      throw new ValidationException("size", Languages.WEB.key("request.size", 200));
    }
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (start != null && end != null && end.isBefore(start)) {
      throw new ValidationException("to", Languages.WEB.key("request.toBeforeFrom"));
    }
    AdminQuery q =
        AdminQuery.all()
            .owner(blankToNull(owner))
            .statuses(QueryParams.statuses(status))
            .type(blankToNull(type))
            .kind(QueryParams.kind(kind))
            .created(start, end)
            .limit(size);
    if (page != null && !page.isBlank()) {
      try {
        q = q.after(Page.Cursor.decode(page));
      } catch (IllegalArgumentException e) {
        throw new ValidationException("page", Languages.WEB.key("request.page"));
      }
    }
    Page<Task> p = admin.list(q);
    return new PageView(
        p.items().stream().map(AdminTaskView::of).toList(),
        p.next() == null ? null : p.next().encode());
  }

  @GetMapping("/tasks/{id}")
  AdminTaskView get(@PathVariable String id) {
    return AdminTaskView.of(admin.get(TaskIds.parse(id)));
  }

  @PostMapping("/tasks/{id}/retry")
  AdminTaskView retry(@PathVariable String id) {
    return AdminTaskView.of(admin.retry(TaskIds.parse(id)));
  }

  @PostMapping("/tasks/{id}/cancel")
  CancelView cancel(@PathVariable String id) {
    return new CancelView(admin.cancel(TaskIds.parse(id)).name());
  }

  @DeleteMapping("/tasks/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    admin.delete(TaskIds.parse(id));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/purge")
  PurgeView purge() {
    return new PurgeView(admin.purgeNow());
  }

  @GetMapping("/summary")
  SummaryView summary(@RequestParam(defaultValue = "PT1H") String window) {
    Duration d;
    try {
      d = Duration.parse(window);
    } catch (DateTimeParseException e) {
      throw new ValidationException("window", Languages.WEB.key("request.window"));
    }
    if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
      throw new ValidationException("window", Languages.WEB.key("request.windowRange"));
    }
    return new SummaryView(
        admin.counts(), StatsView.of(admin.stats(d)), admin.activeOwners(20), admin.rules());
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static @Nullable Instant instant(String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }
}
