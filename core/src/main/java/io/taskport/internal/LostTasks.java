package io.taskport.internal;

import io.taskport.Task;
import io.taskport.TaskError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Which claimed tasks may run beside the lost tasks already running on this node. */
final class LostTasks {
  private LostTasks() {}

  /**
   * Returns the tasks of a batch that may run beside the lost tasks already running here; the
   * caller hands the others back, uncounted. A lost task's worker stopped responding during its last attempt; tasks lost
   * together are recovered together, and one of them may be what brought the worker down (a
   * poison pill). A lost task on its final attempt therefore never runs on a node beside another
   * lost task, so a poison pill's neighbours get a last attempt away from it; lost tasks with
   * attempts to spare still run side by side, so recovering from a store outage is not slowed.
   */
  static List<Task> keepApart(List<Task> claimed, Collection<Attempt> running) {
    if (claimed.stream().noneMatch(LostTasks::lost)) {
      return claimed;
    }
    boolean lostHere = false;
    boolean finalHere = false;
    for (Attempt a : running) {
      lostHere |= lost(a.task);
      finalHere |= lost(a.task) && isFinal(a.task);
    }
    List<Task> kept = new ArrayList<>(claimed.size());
    for (Task task : claimed) {
      boolean keep = !lost(task) || !(finalHere || (isFinal(task) && lostHere));
      if (keep) {
        kept.add(task);
        lostHere |= lost(task);
        finalHere |= lost(task) && isFinal(task);
      }
    }
    return kept;
  }

  /** Whether the task's last attempt ended with its worker lost. */
  static boolean lost(Task task) {
    TaskError e = task.error();
    return task.attempts().current() > 1 && e != null && TaskError.LEASE_LOST.equals(e.code());
  }

  private static boolean isFinal(Task task) {
    return task.attempts().current() >= task.attempts().max();
  }
}
