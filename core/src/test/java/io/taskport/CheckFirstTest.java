package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskport.internal.TaskEngine;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import io.taskport.testkit.CheckFlowContract;
import io.taskport.testkit.ManualClock;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Check first, then load, on the in-memory store; plus retention, driven by a manual clock. */
class CheckFirstTest extends CheckFlowContract {
  private final ManualClock clock = new ManualClock();

  @Override
  protected TaskStore createStore() {
    return new InMemoryTaskStore(clock);
  }

  @Override
  protected TaskManagerBuilder node(int workers) {
    return super.node(workers).clock(clock).retention(Duration.ofHours(1));
  }

  @Test
  void confirm_refusalsReadInTheUsersLanguage() {
    Task check = finished(nodeA, check(nodeA, "ann", file(1, 0)).id(), "ann");
    TaskId load = nodeB.confirm(check.id(), "ann").id();
    TaskStateException e =
        catchThrowableOfType(
            TaskStateException.class, () -> nodeA.confirm(check.id(), "ann"));
    assertThat(e.getMessage()).isEqualTo(
        "check " + check.id() + " was confirmed already; its load is task " + load);
    assertThat(e.getMessage(Locale.SIMPLIFIED_CHINESE))
        .isEqualTo("检查任务 " + check.id() + " 已经确认过；其导入任务为 " + load);
  }

  @Test
  void retention_purgesAnUnconfirmedCheckWithItsUpload() {
    Task check = finished(nodeA, check(nodeA, "ann", file(2, 0)).id(), "ann");
    assertThat(Files.exists(dir.resolve(check.input().key()))).isTrue();
    clock.advance(Duration.ofHours(2));
    ((TaskEngine) nodeA).housekeep();
    assertThatThrownBy(() -> nodeB.get(check.id(), "ann"))
        .isInstanceOf(TaskNotFoundException.class);
    assertThat(dir.resolve(check.id().value())).doesNotExist();
    assertThatThrownBy(() -> nodeB.confirm(check.id(), "ann"))
        .isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void retention_keepsAConfirmedChecksUploadUntilItsLoadIsPurged() {
    TaskManager submitOnly = start(node(0));
    Task check = finished(nodeA, check(nodeA, "ann", file(4, 0)).id(), "ann");
    nodeA.close();
    nodeB.close();
    TaskId load = submitOnly.confirm(check.id(), "ann").id();
    clock.advance(Duration.ofHours(2)); // the check expires while its load still waits
    ((TaskEngine) submitOnly).housekeep();
    assertThatThrownBy(() -> submitOnly.get(check.id(), "ann"))
        .isInstanceOf(TaskNotFoundException.class);
    assertThat(Files.exists(dir.resolve(check.input().key()))).isTrue();
    assertThat(dir.resolve(check.id().value()).resolve("preview.json")).doesNotExist();
    TaskManager worker = start(node(1));
    Task loaded = finished(worker, load, "ann");
    assertThat(loaded.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(loaded.result().counts().imported()).isEqualTo(4);
    clock.advance(Duration.ofHours(2));
    ((TaskEngine) worker).housekeep();
    assertThat(Files.exists(dir.resolve(check.input().key()))).isFalse();
  }

  @Test
  void delete_ofAConfirmedCheckKeepsTheUploadItsLoadNeeds() {
    TaskManager submitOnly = start(node(0));
    Task check = finished(nodeA, check(nodeA, "ann", file(3, 0)).id(), "ann");
    nodeA.close();
    nodeB.close();
    TaskId load = submitOnly.confirm(check.id(), "ann").id();
    submitOnly.delete(check.id(), "ann");
    TaskManager worker = start(node(1));
    assertThat(finished(worker, load, "ann").result().counts().imported()).isEqualTo(3);
  }
}
