package io.taskport.spring.web;

import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskKind;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads one page of a listing that may filter by kind, which the store's query does not: it reads
 * store pages until the page is full, the listing ends, or {@value #MAX_READS} store pages were
 * read (then the page is short and {@code next} says where to go on).
 */
final class TaskPages {
  static final int MAX_READS = 10;

  private TaskPages() {}

  static Page<Task> read(
      TaskManager tasks, TaskQuery query, Page.@Nullable Cursor after, @Nullable TaskKind kind, int size) {
    if (kind == null) {
      return tasks.list(query.after(after));
    }
    List<Task> items = new ArrayList<>();
    Page.Cursor cursor = after;
    for (int read = 0; read < MAX_READS; read++) {
      Page<Task> p = tasks.list(query.after(cursor));
      for (Task t : p.items()) {
        cursor = Page.Cursor.after(t);
        if (t.kind() == kind) {
          items.add(t);
          if (items.size() == size) {
            return new Page<>(items, cursor);
          }
        }
      }
      if (p.next() == null) {
        return new Page<>(items, null);
      }
    }
    return new Page<>(items, cursor);
  }
}
