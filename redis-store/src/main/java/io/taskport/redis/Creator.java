package io.taskport.redis;

import io.taskport.StoreException;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TooManyTasksException;
import io.taskport.store.NewTask;
import io.taskport.store.Scheduling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the create script: de-duplication, the per-owner caps and the creation in one step. When
 * the dedup entry points at a task that is gone or finished, the script is run again naming that
 * stale twin, which it then replaces.
 */
final class Creator {
  private final Keys keys;
  private final Scripts scripts;
  private final Function<TaskId, Optional<Task>> get;

  Creator(Keys keys, Scripts scripts, Function<TaskId, Optional<Task>> get) {
    this.keys = keys;
    this.scripts = scripts;
    this.get = get;
  }

  /**
   * Creates the task, or returns its active twin.
   *
   * @throws TooManyTasksException if a per-owner cap is reached
   */
  Submission create(NewTask n) {
    String stale = "";
    String activeKey = n.activeKey();
    List<String> fields = TaskCodec.fields(n);
    Scheduling sch = n.scheduling();
    for (int round = 0; round < 4; round++) {
      List<String> k = new ArrayList<>(12);
      k.add(keys.task(n.id()));
      k.add(keys.active());
      k.add(keys.ready(n.type()));
      k.add(keys.owner(n.owner()));
      k.add(keys.wake(n.type()));
      k.add(keys.all());
      k.add(keys.fair(n.type()));
      k.add(keys.act());
      k.add(keys.turns());
      k.add(keys.sched());
      k.add(keys.expiries());
      List<String> a = new ArrayList<>(8 + fields.size());
      a.add(keys.events());
      a.add(n.id().value());
      a.add(activeKey == null ? "" : activeKey);
      a.add(stale);
      a.add(n.owner());
      a.add(n.type());
      a.add(Integer.toString(sch.maxActivePerOwner()));
      a.add(Integer.toString(sch.maxActivePerOwnerOfType()));
      if (!stale.isEmpty()) {
        k.add(keys.task(stale));
      }
      a.addAll(fields);
      List<?> r = (List<?>) scripts.run(Scripts.CREATE, k, a);
      switch ((String) r.get(0)) {
        case "EXISTS" -> throw new IllegalArgumentException("task " + n.id() + " already exists");
        case "CREATED" -> {
          return Submission.created(TaskCodec.created(k.get(0), fields, (String) r.get(1)));
        }
        case "CAP" -> {
          boolean ofType = !((String) r.get(1)).isEmpty();
          throw new TooManyTasksException(
              n.owner(),
              ofType ? n.type() : null,
              ofType ? sch.maxActivePerOwnerOfType() : sch.maxActivePerOwner());
        }
        default -> {
          String twin = (String) r.get(1);
          Optional<Task> t = get.apply(TaskId.of(twin));
          if (t.isPresent() && !t.get().isTerminal()) {
            return Submission.existing(t.get());
          }
          stale = twin; // the dedup entry points at a task that is gone or over: replace it
        }
      }
    }
    throw new StoreException("create of task " + n.id() + " found its dedup key changing");
  }
}
