package io.taskport.testkit;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import io.taskport.TooManyTasksException;
import io.taskport.store.ClaimRules;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The batch part of the store contract: {@link TaskStore#createAll} creates as one create after
 * another would, de-duplicating within the list and against active tasks, counting the list
 * against the per-owner caps, and naming a refused task. {@link TaskStoreContract} runs it as a
 * nested class on the same store.
 */
public abstract class TaskStoreBatchContract {
  private static final Set<String> TYPES = Set.of("accounts", "orders");
  private static final ClaimRules FAIR = new ClaimRules(true, Map.of(), Map.of(), 0, 0);

  /** The store under test, fresh for each test. */
  protected abstract TaskStore store();

  /** The lease used in the tests. */
  protected abstract Duration lease();

  @Test
  void createAll_createsEveryTaskPendingInListOrder() {
    List<NewTask> tasks =
        List.of(pendingExport().build(), pendingExport().type("orders").build(),
            pendingExport().owner("bob").build());
    List<Submission> out = store().createAll(tasks);
    assertThat(out).hasSize(3).allMatch(Submission::created);
    for (int i = 0; i < 3; i++) {
      Task t = out.get(i).task();
      assertThat(t.id()).isEqualTo(tasks.get(i).id());
      assertThat(t.status()).isEqualTo(TaskStatus.PENDING);
      assertThat(t.owner()).isEqualTo(tasks.get(i).owner());
      String type = tasks.get(i).type();
      assertThat(store().get(t.id()))
          .hasValueSatisfying(s -> assertThat(s.type()).isEqualTo(type));
    }
    List<TaskId> claimed = new ArrayList<>();
    store().claim("w", TYPES, lease(), 3).forEach(t -> claimed.add(t.id()));
    // created in one step, they may share their creation time: any order among them
    assertThat(claimed)
        .containsExactlyInAnyOrderElementsOf(tasks.stream().map(NewTask::id).toList());
  }

  @Test
  void createAll_ofNoTaskCreatesNothing() {
    assertThat(store().createAll(List.of())).isEmpty();
    assertThat(store().claim("w", TYPES, lease(), 5)).isEmpty();
  }

  @Test
  void createAll_returnsTheActiveTwinAndTheEarlierTaskOfTheList() {
    Task active = store().create(pendingExport().dedupKey("k1").build()).task();
    NewTask second = pendingExport().dedupKey("k2").build();
    NewTask third = pendingExport().dedupKey("k2").build();
    NewTask otherOwner = pendingExport().owner("bob").dedupKey("k1").build();
    List<Submission> out =
        store().createAll(List.of(pendingExport().dedupKey("k1").build(), second, third,
            otherOwner));
    assertThat(out.get(0).created()).isFalse();
    assertThat(out.get(0).task().id()).isEqualTo(active.id());
    assertThat(out.get(1).created()).isTrue();
    assertThat(out.get(2).created()).isFalse();
    assertThat(out.get(2).task().id()).isEqualTo(second.id());
    assertThat(store().get(third.id())).isEmpty();
    // the key is per owner
    assertThat(out.get(3).created()).isTrue();
    assertThat(store().claim("w", TYPES, lease(), 10)).hasSize(3);
  }

  @Test
  void createAll_refusesAnIdThatExistsAndNamesIt() {
    TaskId taken = store().create(pendingExport().build()).task().id();
    NewTask fresh = pendingExport().build();
    assertThatThrownBy(() -> store().createAll(List.of(fresh, pendingExport().id(taken).build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(taken.value());
    assertThat(store().get(taken)).hasValueSatisfying(
        t -> assertThat(t.status()).isEqualTo(TaskStatus.PENDING));
  }

  @Test
  void createAll_countsTheListAgainstTheOwnersCapAndNeverExceedsIt() {
    assumeTrue(store().enforcesScheduling(), "the store does not enforce scheduling rules");
    store().create(pendingExport().caps(3, 0).build());
    List<NewTask> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(pendingExport().caps(3, 0).build());
    }
    assertThatThrownBy(() -> store().createAll(tasks))
        .isInstanceOfSatisfying(TooManyTasksException.class,
            e -> assertThat(e.owner()).isEqualTo("ann"));
    long created = tasks.stream().filter(t -> store().get(t.id()).isPresent()).count();
    assertThat(1 + created).isLessThanOrEqualTo(3);
    assertThat(store().get(tasks.get(3).id())).isEmpty();
    // a twin is returned before the cap is checked, as for a single create
    Task twin = store().create(pendingExport().owner("bob").dedupKey("k").caps(1, 0).build())
        .task();
    List<Submission> again = store().createAll(
        List.of(pendingExport().owner("bob").dedupKey("k").caps(1, 0).build()));
    assertThat(again.get(0).created()).isFalse();
    assertThat(again.get(0).task().id()).isEqualTo(twin.id());
  }

  @Test
  void createAll_givesFairTurnsAsSubmitsOneByOneWould() {
    assumeTrue(store().enforcesScheduling(), "the store does not enforce scheduling rules");
    NewTask a1 = pendingExport().build();
    NewTask a2 = pendingExport().build();
    NewTask a3 = pendingExport().build();
    NewTask b1 = pendingExport().owner("bob").build();
    store().createAll(List.of(a1, a2, a3, b1));
    List<TaskId> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      store().claim("w", TYPES, lease(), 1, FAIR).forEach(t -> order.add(t.id()));
    }
    // bob's one task goes before ann's second, though submitted after her third
    assertThat(order.subList(0, 2)).containsExactlyInAnyOrder(a1.id(), b1.id());
    assertThat(order.subList(2, 4)).containsExactly(a2.id(), a3.id());
  }
}
