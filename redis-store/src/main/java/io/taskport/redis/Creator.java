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
import org.jspecify.annotations.Nullable;

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
      List<String> k = keysOf(n);
      List<String> a = argsOf(n, activeKey, stale, fields);
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

  /**
   * Confirms a COMPLETED check and creates its load in one script: the create script's checks
   * and creation, then the check's mark, or nothing.
   *
   * @return the load, or empty if the check is gone, not a COMPLETED check, or confirmed already
   * @throws TooManyTasksException if a per-owner cap is reached; the check is left unconfirmed
   */
  Optional<Task> confirm(TaskId check, NewTask n) {
    if (n.dedupKey() != null) {
      throw new IllegalArgumentException("the load of a check takes no dedup key");
    }
    List<String> fields = TaskCodec.fields(n);
    List<String> k = keysOf(n);
    k.add(keys.task(check)); // last, where the confirm script looks for it
    List<String> a = argsOf(n, null, "", fields);
    a.addAll(fields);
    List<?> r = (List<?>) scripts.run(Scripts.CONFIRM, k, a);
    Scheduling sch = n.scheduling();
    return switch ((String) r.get(0)) {
      case "GONE" -> Optional.empty();
      case "EXISTS" -> throw new IllegalArgumentException("task " + n.id() + " already exists");
      case "CREATED" -> Optional.of(TaskCodec.created(k.get(0), fields, (String) r.get(1)));
      case "CAP" -> {
        boolean ofType = !((String) r.get(1)).isEmpty();
        throw new TooManyTasksException(
            n.owner(),
            ofType ? n.type() : null,
            ofType ? sch.maxActivePerOwnerOfType() : sch.maxActivePerOwner());
      }
      default -> throw new StoreException("confirm of check " + check + " answered " + r);
    };
  }

  private List<String> keysOf(NewTask n) {
    List<String> k = new ArrayList<>(13);
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
    return k;
  }

  private List<String> argsOf(
      NewTask n, @Nullable String activeKey, String stale, List<String> fields) {
    Scheduling sch = n.scheduling();
    List<String> a = new ArrayList<>(8 + fields.size());
    a.add(keys.events());
    a.add(n.id().value());
    a.add(activeKey == null ? "" : activeKey);
    a.add(stale);
    a.add(n.owner());
    a.add(n.type());
    a.add(Integer.toString(sch.maxActivePerOwner()));
    a.add(Integer.toString(sch.maxActivePerOwnerOfType()));
    return a;
  }
}
