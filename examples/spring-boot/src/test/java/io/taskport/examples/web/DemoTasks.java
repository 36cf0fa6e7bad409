package io.taskport.examples.web;

import static org.awaitility.Awaitility.await;

import io.taskport.Task;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import java.time.Duration;
import java.util.List;

/** Gives a browser test a clean slate: no task of the demo users, active or finished. */
final class DemoTasks {
  private DemoTasks() {}

  static void clear(TaskManager tasks) {
    for (String user : List.of("ann", "bob")) {
      for (Task t : all(tasks, user)) {
        if (!t.isTerminal()) {
          tasks.cancel(t.id(), user);
        }
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> all(tasks, user).stream().allMatch(Task::isTerminal));
      all(tasks, user).forEach(t -> tasks.delete(t.id(), user));
    }
  }

  private static List<Task> all(TaskManager tasks, String user) {
    return tasks.list(TaskQuery.of(user).limit(100)).items();
  }
}
