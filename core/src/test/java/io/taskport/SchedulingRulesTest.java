package io.taskport;

import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.Scheduling;
import io.taskport.store.TaskStore;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.TsvFormat;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's scheduling settings reach the store: caps at submit, rules at claim. */
class SchedulingRulesTest {
  @TempDir Path dir;
  private final FaultyTaskStore store = new FaultyTaskStore(new InMemoryTaskStore());
  private final List<TaskManager> managers = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    managers.forEach(TaskManager::close);
  }

  private TaskManager start(int workers, TaskStore on, UnaryOperator<TaskManagerBuilder> rules) {
    TaskManager m =
        rules
            .apply(
                TaskManager.builder()
                    .store(on)
                    .files(new LocalFileStore(dir))
                    .format(new TsvFormat())
                    .workers(workers)
                    .pollInterval(Duration.ofMillis(20))
                    .export(export("accounts", (ctx, out) -> release.await(20, TimeUnit.SECONDS))))
            .build();
    managers.add(m);
    m.start();
    return m;
  }

  private static ExportRequest request(String owner, int i) {
    return ExportRequest.of("accounts", owner).format("tsv").params(Map.of("limit", i));
  }

  private long count(TaskManager m, String owner, TaskStatus status) {
    return m.list(TaskQuery.of(owner).status(status)).items().size();
  }

  @Test
  void aSubmitBeyondTheOwnersCapIsRefusedInTheUsersWords() {
    TaskManager m = start(0, store, b -> b.maxActivePerOwner(2));
    m.submit(request("ann", 1));
    m.submit(request("ann", 2));
    assertThatThrownBy(() -> m.submit(request("ann", 3)))
        .isInstanceOf(TooManyTasksException.class)
        .hasMessage(
            "you already have 2 tasks waiting or running, the most allowed; wait for one to"
                + " finish or cancel one, then submit again");
    // the same export again is its active twin, not a third task
    assertThat(m.submit(request("ann", 1)).created()).isFalse();
    assertThat(m.submit(request("bob", 1)).created()).isTrue();
  }

  @Test
  void queuedBeyondTheCapTheOwnerRunsAtMostTheCap() {
    TaskManager m = start(4, store, b -> b.maxActivePerOwner(2).queueBeyondOwnerCap(true));
    for (int i = 0; i < 4; i++) {
      m.submit(request("ann", i));
    }
    m.submit(request("bob", 1));
    await().atMost(Duration.ofSeconds(20)).until(() -> count(m, "bob", TaskStatus.RUNNING) == 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> count(m, "ann", TaskStatus.RUNNING) == 2);
    assertThat(count(m, "ann", TaskStatus.PENDING)).isEqualTo(2);
  }

  @Test
  void aClusterTypeLimitHoldsAcrossTwoNodes() {
    TaskManager a = start(3, store, b -> b.clusterTypeLimit("accounts", 2));
    start(3, store, b -> b.clusterTypeLimit("accounts", 2));
    for (int i = 0; i < 6; i++) {
      a.submit(request("ann", i));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> count(a, "ann", TaskStatus.RUNNING) == 2);
    // both nodes keep claiming; the limit must still hold after many polls
    int polls = store.batches().size();
    await().atMost(Duration.ofSeconds(20)).until(() -> store.batches().size() > polls + 10);
    assertThat(count(a, "ann", TaskStatus.RUNNING)).isEqualTo(2);
  }

  @Test
  void thePriorityOfARequestReachesTheStore() {
    TaskManager m = start(0, store, b -> b.priorityAgeing(Duration.ofMinutes(1)));
    TaskId id = m.submit(request("ann", 1).priority(4).fairnessKey("acme")).id();
    Scheduling s = store.get(id).orElseThrow().scheduling();
    assertThat(s.priority()).isEqualTo(4);
    assertThat(s.priorityLead()).isEqualTo(Duration.ofMinutes(4));
    assertThat(s.fairnessKey()).isEqualTo("acme");
  }

  @Test
  void aStoreThatCannotEnforceTheRulesIsRefusedAtBuild() {
    TaskStore plain =
        (TaskStore)
            Proxy.newProxyInstance(
                TaskStore.class.getClassLoader(),
                new Class<?>[] {TaskStore.class},
                (proxy, method, args) ->
                    method.getName().equals("enforcesScheduling")
                        ? false
                        : method.invoke(store, args));
    assertThatThrownBy(() -> start(1, plain, b -> b.fairClaiming(true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not enforce per-owner caps, fair claiming");
  }
}
