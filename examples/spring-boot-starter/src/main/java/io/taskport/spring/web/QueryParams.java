package io.taskport.spring.web;

import io.taskport.TaskKind;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The filters that the owner's and the operator's task lists take from the query string. */
final class QueryParams {
  private QueryParams() {}

  static @Nullable TaskKind kind(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return TaskKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("kind", Languages.WEB.key("request.kind"));
    }
  }

  static Set<TaskStatus> statuses(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    Set<TaskStatus> set = EnumSet.noneOf(TaskStatus.class);
    for (String s : text.split(",")) {
      try {
        set.add(TaskStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ValidationException(
            "status", Languages.WEB.key("request.status", EnumSet.allOf(TaskStatus.class)));
      }
    }
    return set;
  }
}
