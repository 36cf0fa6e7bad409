package io.taskport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An append-only record of handler invocations, kept apart from Taskport's own state: in memory,
 * or in a file shared by worker processes (one line per start and per end, appended atomically).
 */
public final class InvocationAudit {
  /** One handler invocation. */
  public record Invocation(
      TaskId taskId, int attempt, String worker, Instant start, @Nullable Instant end) {}

  private final @Nullable Path file;
  private final List<String> lines = new ArrayList<>();

  /** An audit kept in memory. */
  public InvocationAudit() {
    this(null);
  }

  /** An audit appended to a file, for worker processes. */
  public InvocationAudit(@Nullable Path file) {
    this.file = file;
  }

  /** Records the start of an invocation. */
  public void started(TaskId id, int attempt, String worker, Instant at) {
    append("S " + id + " " + attempt + " " + worker + " " + at);
  }

  /** Records the end of an invocation. */
  public void ended(TaskId id, int attempt, String worker, Instant at) {
    append("E " + id + " " + attempt + " " + worker + " " + at);
  }

  private void append(String line) {
    if (file == null) {
      synchronized (lines) {
        lines.add(line);
      }
      return;
    }
    try {
      // one write of a short line with O_APPEND is atomic between processes
      Files.write(
          file,
          (line + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns every invocation, matched with its end where it has one. */
  public List<Invocation> invocations() {
    List<String> all;
    if (file == null) {
      synchronized (lines) {
        all = List.copyOf(lines);
      }
    } else {
      try {
        all = Files.exists(file) ? Files.readAllLines(file) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Map<String, Instant> ends = new HashMap<>();
    List<String[]> starts = new ArrayList<>();
    for (String l : all) {
      String[] p = l.split(" ");
      if (p.length != 5) {
        continue; // a line cut by a killed process
      }
      if (p[0].equals("S")) {
        starts.add(p);
      } else {
        ends.put(p[1] + " " + p[2] + " " + p[3], Instant.parse(p[4]));
      }
    }
    List<Invocation> result = new ArrayList<>();
    for (String[] p : starts) {
      result.add(
          new Invocation(
              TaskId.of(p[1]),
              Integer.parseInt(p[2]),
              p[3],
              Instant.parse(p[4]),
              ends.get(p[1] + " " + p[2] + " " + p[3])));
    }
    return result;
  }

  /** Returns the tasks a worker started and never finished: those in flight when it died. */
  public Set<TaskId> unfinished(String worker) {
    Set<TaskId> ids = new HashSet<>();
    for (Invocation i : invocations()) {
      if (i.worker().equals(worker) && i.end() == null) {
        ids.add(i.taskId());
      }
    }
    return ids;
  }

  /**
   * Asserts the at-least-once verdict of a crash test: every task finished exactly one
   * invocation, and only tasks in flight on a killed worker were started more than once.
   */
  public void assertEachFinishedOnce(Collection<TaskId> tasks, Set<TaskId> inFlightOnKilled) {
    Map<TaskId, Integer> finished = new HashMap<>();
    for (Invocation i : invocations()) {
      if (i.end() != null) {
        finished.merge(i.taskId(), 1, Integer::sum);
      }
    }
    assertThat(finished.keySet()).containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(finished.values()).as("finished invocations per task").allMatch(n -> n == 1);
    countByTask()
        .forEach(
            (id, n) -> {
              if (n > 1) {
                assertThat(inFlightOnKilled).as("re-run only if in flight on a killed worker").contains(id);
              }
            });
  }

  /** Returns how many invocations each task had. */
  public Map<TaskId, Integer> countByTask() {
    Map<TaskId, Integer> counts = new HashMap<>();
    for (Invocation i : invocations()) {
      counts.merge(i.taskId(), 1, Integer::sum);
    }
    return counts;
  }
}
