package io.taskport.testkit;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.Task;
import io.taskport.TaskStatus;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TransitionLogTest {
  @Test
  void aMoveOutsideTheTableIsReported() {
    InMemoryTaskStore memory = new InMemoryTaskStore(new ManualClock());
    AtomicBoolean broken = new AtomicBoolean();
    // a store that, once broken, reports a cancelled task as COMPLETED, then PENDING again
    AtomicBoolean second = new AtomicBoolean();
    TaskStore lying =
        (TaskStore)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {TaskStore.class},
                (proxy, method, args) -> {
                  try {
                    Object r = method.invoke(memory, args);
                    if (broken.get() && method.getName().equals("get")) {
                      TaskStatus s = second.getAndSet(true) ? TaskStatus.PENDING : TaskStatus.COMPLETED;
                      return ((Optional<?>) r).map(t -> ((Task) t).toBuilder().status(s).build());
                    }
                    return r;
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    TransitionLog log = new TransitionLog(lying);
    Task t = log.create(pendingExport().build()).task();
    broken.set(true);
    log.requestCancel(t.id());
    assertThat(log.violations()).containsExactly("task " + t.id() + " moved COMPLETED -> PENDING");
  }

  @Test
  void checkMove_refusesAMoveOutsideTheTable() {
    assertThat(TaskStatus.FAILED.canMoveTo(TaskStatus.PENDING)).isTrue();
    assertThat(TaskStatus.canMoveTo(TaskStatus.COMPLETED, TaskStatus.PENDING)).isFalse();
    assertThatThrownBy(() -> TaskStatus.checkMove(TaskStatus.CANCELLED, TaskStatus.RUNNING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a task cannot move from CANCELLED to RUNNING");
  }
}
