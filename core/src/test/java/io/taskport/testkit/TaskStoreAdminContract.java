package io.taskport.testkit;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static io.taskport.testkit.TaskFixtures.pendingImport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.AdminQuery;
import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskCount;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileRef;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator's part of the store contract: listing across owners, counts and the retry of a
 * failed task. {@link TaskStoreContract} runs it as a nested class on the same store, so every
 * store runs it unchanged.
 */
public abstract class TaskStoreAdminContract {
  private static final Set<String> TYPES = Set.of("accounts", "orders");

  /** The store under test, fresh for each test. */
  protected abstract TaskStore store();

  /** Lets at least {@code d} of the store's time pass. */
  protected abstract void elapse(Duration d);

  /** The lease used in the tests. */
  protected abstract Duration lease();

  @Test
  void listAll_returnsEveryOwnersTasksNewestFirst() {
    TaskId ann = store().create(pendingExport().build()).id();
    elapse(Duration.ofMillis(10));
    TaskId bob = store().create(pendingExport().owner("bob").build()).id();
    elapse(Duration.ofMillis(10));
    TaskId carol = store().create(pendingImport().owner("carol").type("orders").build()).id();
    Page<Task> page = store().listAll(AdminQuery.all());
    assertThat(page.items()).extracting(Task::id).containsExactly(carol, bob, ann);
    assertThat(page.next()).isNull();
  }

  @Test
  void listAll_filtersByOwnerStatusTypeKindAndCreationTime() {
    Task first = store().create(pendingExport().build()).task();
    elapse(Duration.ofMillis(10));
    Task second = store().create(pendingImport().owner("bob").type("orders").build()).task();
    elapse(Duration.ofMillis(10));
    Task third = store().create(pendingExport().owner("bob").build()).task();
    Task running = claim("w1", Set.of("accounts"));
    assertThat(running.id()).isEqualTo(first.id());
    AdminQuery q = AdminQuery.all();
    assertThat(ids(q.owner("bob"))).containsExactly(third.id(), second.id());
    assertThat(ids(q.status(TaskStatus.RUNNING))).containsExactly(first.id());
    assertThat(ids(q.statuses(Set.of(TaskStatus.PENDING)))).containsExactly(third.id(), second.id());
    assertThat(ids(q.type("orders"))).containsExactly(second.id());
    assertThat(ids(q.kind(TaskKind.EXPORT))).containsExactly(third.id(), first.id());
    assertThat(ids(q.created(second.createdAt(), third.createdAt()))).containsExactly(second.id());
    assertThat(ids(q.created(second.createdAt(), null))).containsExactly(third.id(), second.id());
    assertThat(ids(q.created(null, second.createdAt()))).containsExactly(first.id());
    assertThat(ids(q.owner("bob").type("accounts").status(TaskStatus.PENDING)))
        .containsExactly(third.id());
    assertThat(ids(q.owner("nobody"))).isEmpty();
  }

  @Test
  void listAll_pagesWithoutGapsOrRepeats() {
    Set<TaskId> created = new HashSet<>();
    for (int i = 0; i < 23; i++) {
      created.add(store().create(pendingExport().owner("user" + (i % 4)).build()).id());
      if (i % 6 == 0) {
        elapse(Duration.ofMillis(5));
      }
    }
    List<Task> all = new ArrayList<>();
    AdminQuery q = AdminQuery.all().limit(10);
    Page<Task> page = store().listAll(q);
    int pages = 1;
    all.addAll(page.items());
    while (page.hasNext()) {
      page = store().listAll(q.after(page.next()));
      all.addAll(page.items());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(all).extracting(Task::id).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all.stream().map(Task::id).toList())).isEqualTo(created);
    for (int i = 1; i < all.size(); i++) {
      Task prev = all.get(i - 1);
      Task cur = all.get(i);
      assertThat(Page.Cursor.after(prev).precedes(cur.createdAt(), cur.id())).isTrue();
    }
  }

  @Test
  void counts_countPerTypeAndStatusAndLeaveOutDeletedTasks() {
    assertThat(store().counts()).isEmpty();
    store().create(pendingExport().build());
    store().create(pendingExport().owner("bob").build());
    store().create(pendingExport().owner("bob").type("orders").build());
    TaskId gone = store().create(pendingExport().owner("carol").type("orders").build()).id();
    Task running = claim("w1", Set.of("accounts"));
    store().delete(gone);
    assertThat(store().counts())
        .containsExactlyInAnyOrder(
            new TaskCount("accounts", TaskStatus.PENDING, 1),
            new TaskCount("accounts", TaskStatus.RUNNING, 1),
            new TaskCount("orders", TaskStatus.PENDING, 1));
    store().complete(running.fence(), result(), Progress.of(1, 1));
    assertThat(store().counts())
        .contains(new TaskCount("accounts", TaskStatus.COMPLETED, 1))
        .doesNotContain(new TaskCount("accounts", TaskStatus.RUNNING, 1));
  }

  @Test
  void retry_movesAFailedTaskBackToPendingWithAFreshBudget() {
    store().create(pendingExport().maxAttempts(1).build());
    Task first = claim("w1", TYPES);
    TaskError error = TaskError.of("HANDLER_FAILED", "boom");
    assertThat(store().fail(first.fence(), error, null)).isTrue();

    assertThat(store().retry(first.id(), 2)).isTrue();
    Task retried = store().get(first.id()).orElseThrow();
    assertThat(retried.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(retried.attempts().current()).isEqualTo(1);
    assertThat(retried.attempts().max()).isEqualTo(3);
    assertThat(retried.error()).isEqualTo(error);
    assertThat(retried.finishedAt()).isNull();
    assertThat(retried.expiresAt()).isNull();
    assertThat(retried.dueAt()).isNotNull();

    Task second = claim("w1", TYPES);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempts().current()).isEqualTo(2);
    assertThat(store().complete(first.fence(), result(), Progress.of(1, 1)))
        .as("the old attempt")
        .isFalse();
    assertThat(store().complete(second.fence(), result(), Progress.of(1, 1))).isTrue();
    assertThat(store().get(first.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void retry_refusesATaskThatIsNotFailed() {
    TaskId pending = store().create(pendingExport().type("orders").build()).id();
    store().create(pendingExport().build());
    Task running = claim("w1", Set.of("accounts"));
    store().create(pendingExport().build());
    Task completed = claim("w1", Set.of("accounts"));
    store().complete(completed.fence(), result(), Progress.of(1, 1));
    TaskId cancelled = store().create(pendingExport().build()).id();
    store().requestCancel(cancelled);
    for (TaskId id : List.of(pending, running.id(), completed.id(), cancelled)) {
      TaskStatus before = store().get(id).orElseThrow().status();
      assertThat(store().retry(id, 3)).as("retry of a %s task", before).isFalse();
      assertThat(store().get(id).orElseThrow().status()).isEqualTo(before);
    }
    assertThat(store().retry(TaskId.random(), 3)).isFalse();
  }

  @Test
  void retry_takesTheDedupKeyAgainAndIsRefusedWhileATwinIsActive() {
    store().create(pendingExport().dedupKey("k").build());
    Task failed = claim("w1", TYPES);
    store().fail(failed.fence(), TaskError.of("X", "x"), null);
    TaskId twin = store().create(pendingExport().dedupKey("k").build()).id();
    assertThat(twin).isNotEqualTo(failed.id());

    assertThat(store().retry(failed.id(), 1)).isFalse();
    assertThat(store().get(failed.id()).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);

    store().requestCancel(twin);
    assertThat(store().retry(failed.id(), 1)).isTrue();
    var again = store().create(pendingExport().dedupKey("k").build());
    assertThat(again.created()).isFalse();
    assertThat(again.id()).isEqualTo(failed.id());
  }

  @Test
  void retry_keepsTheTaskFromThePurge() {
    Duration retention = lease();
    store().create(pendingExport().retention(retention).build());
    Task failed = claim("w1", TYPES);
    store().fail(failed.fence(), TaskError.of("X", "x"), null);
    assertThat(store().retry(failed.id(), 1)).isTrue();
    elapse(retention.multipliedBy(2));
    assertThat(store().purgeExpired(10)).isEmpty();
    assertThat(store().get(failed.id())).isPresent();
  }

  private List<TaskId> ids(AdminQuery q) {
    return store().listAll(q).items().stream().map(Task::id).toList();
  }

  private Task claim(String worker, Set<String> types) {
    List<Task> claimed = store().claim(worker, types, lease(), 1);
    assertThat(claimed).as("a task to claim").hasSize(1);
    return claimed.get(0);
  }

  private static TaskResult result() {
    return TaskResult.ofFile(
        new FileRef("t/" + TaskId.random().value(), "accounts.csv", 123, "text/csv"));
  }
}
