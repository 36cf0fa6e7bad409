package io.taskport.testkit;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.taskport.Progress;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskResult;
import io.taskport.TooManyTasksException;
import io.taskport.file.FileRef;
import io.taskport.store.ClaimRules;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduling part of the store contract: per-owner caps checked with de-duplication,
 * priorities with ageing, fair claiming by owner or fairness key, cluster-wide RUNNING limits and
 * start rates per type. {@link TaskStoreContract} runs it as a nested class on the same store; a
 * store that does not {@link TaskStore#enforcesScheduling} skips it (and the engine refuses the
 * settings on it).
 */
public abstract class TaskStoreSchedulingContract {
  private static final Set<String> TYPES = Set.of("accounts", "orders");
  private static final Duration AGEING = Duration.ofMinutes(1);

  /** The store under test, fresh for each test. */
  protected abstract TaskStore store();

  /** Lets at least {@code d} of the store's time pass. */
  protected abstract void elapse(Duration d);

  /** The lease used in the tests. */
  protected abstract Duration lease();

  @BeforeEach
  final void onlyStoresThatEnforceTheRules() {
    assumeTrue(store().enforcesScheduling(), "the store does not enforce scheduling rules");
  }

  // ---- per-owner caps, in create

  @Test
  void create_refusesASubmitBeyondTheOwnersCapAndCreatesNothing() {
    for (int i = 0; i < 3; i++) {
      store().create(pendingExport().caps(3, 0).build());
    }
    TaskId refused = TaskId.random();
    assertThatThrownBy(() -> store().create(pendingExport().id(refused).caps(3, 0).build()))
        .isInstanceOfSatisfying(
            TooManyTasksException.class,
            e -> {
              assertThat(e.owner()).isEqualTo("ann");
              assertThat(e.type()).isNull();
              assertThat(e.max()).isEqualTo(3);
              assertThat(e.getMessage()).contains("you already have 3 tasks");
            });
    assertThat(store().get(refused)).isEmpty();
    // the cap is per owner, and counts every type
    assertThat(store().create(pendingExport().owner("bob").caps(3, 0).build()).created()).isTrue();
    assertThatThrownBy(() -> store().create(pendingExport().type("orders").caps(3, 0).build()))
        .isInstanceOf(TooManyTasksException.class);
  }

  @Test
  void create_refusesBeyondThePerTypeCapOnlyForThatType() {
    store().create(pendingExport().caps(0, 1).build());
    assertThatThrownBy(() -> store().create(pendingExport().caps(0, 1).build()))
        .isInstanceOfSatisfying(
            TooManyTasksException.class, e -> assertThat(e.type()).isEqualTo("accounts"));
    assertThat(store().create(pendingExport().type("orders").caps(0, 1).build()).created())
        .isTrue();
  }

  @Test
  void create_countsRunningTasksAndFreesTheCapWhenOneFinishes() {
    store().create(pendingExport().caps(2, 0).build());
    store().create(pendingExport().caps(2, 0).build());
    Task running = claimOne("w1", ClaimRules.NONE);
    assertThatThrownBy(() -> store().create(pendingExport().caps(2, 0).build()))
        .isInstanceOf(TooManyTasksException.class);
    assertThat(store().complete(running.fence(), result(), Progress.NONE)).isTrue();
    assertThat(store().create(pendingExport().caps(2, 0).build()).created()).isTrue();
  }

  @Test
  void create_returnsTheDedupTwinEvenWhenTheCapIsReached() {
    Submission first = store().create(pendingExport().dedupKey("k").caps(1, 0).build());
    Submission again = store().create(pendingExport().dedupKey("k").caps(1, 0).build());
    assertThat(again.created()).isFalse();
    assertThat(again.id()).isEqualTo(first.id());
  }

  @Test
  void create_keepsTheCapWhenSixteenThreadsRace() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return store().create(pendingExport().caps(3, 0).build()).created();
                  } catch (TooManyTasksException e) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int created = 0;
      for (Future<Boolean> f : results) {
        created += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(created).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- priorities with ageing

  @Test
  void claim_takesTheHigherPriorityFirstAndKeepsIt() {
    TaskId low = store().create(pendingExport().priority(1, AGEING).build()).id();
    elapse(Duration.ofMillis(10));
    TaskId high = store().create(pendingExport().priority(3, AGEING).build()).id();
    Task first = claimOne("w1", ClaimRules.NONE);
    assertThat(first.id()).isEqualTo(high);
    assertThat(first.scheduling().priority()).isEqualTo(3);
    assertThat(claimOne("w1", ClaimRules.NONE).id()).isEqualTo(low);
  }

  @Test
  void claim_letsALowPriorityTaskThatWaitedLongerThanTheLeadGoFirst() {
    Duration step = Duration.ofMillis(300);
    TaskId low = store().create(pendingExport().priority(0, step).build()).id();
    elapse(step.plusMillis(200));
    store().create(pendingExport().priority(1, step).build());
    assertThat(claimOne("w1", ClaimRules.NONE).id()).isEqualTo(low);
  }

  @Test
  void claim_keepsThePriorityWhenARetryIsDue() {
    store().create(pendingExport().priority(4, AGEING).build());
    Task high = claimOne("w1", ClaimRules.NONE);
    store().create(pendingExport().priority(2, AGEING).build());
    assertThat(store().fail(high.fence(), TaskError.of("boom", "boom"), Duration.ZERO)).isTrue();
    assertThat(claimOne("w1", ClaimRules.NONE).id()).isEqualTo(high.id());
  }

  // ---- fair claiming

  @Test
  void claim_fairTakesOwnersInTurnWhateverTheirBacklog() {
    for (int i = 0; i < 5; i++) {
      store().create(pendingExport().owner("heavy").build());
    }
    elapse(Duration.ofMillis(10));
    store().create(pendingExport().owner("bob").build());
    store().create(pendingExport().owner("carol").build());
    ClaimRules fair = fair();
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      owners.add(claimOne("w1", fair).owner());
    }
    assertThat(owners.subList(0, 3)).containsExactlyInAnyOrder("heavy", "bob", "carol");
    assertThat(owners.get(3)).isEqualTo("heavy");
  }

  @Test
  void claim_fairSpreadsOneBatchAcrossOwners() {
    for (int i = 0; i < 5; i++) {
      store().create(pendingExport().owner("heavy").build());
    }
    elapse(Duration.ofMillis(10));
    store().create(pendingExport().owner("bob").build());
    store().create(pendingExport().owner("carol").build());
    List<Task> batch = store().claim("w1", TYPES, lease(), 3, fair());
    assertThat(batch).extracting(Task::owner).containsExactlyInAnyOrder("heavy", "bob", "carol");
  }

  @Test
  void claim_fairTakesTurnsByTheFairnessKeyWhenOneIsSet() {
    for (int i = 0; i < 4; i++) {
      store().create(pendingExport().owner("u" + i).fairnessKey("tenant-a").build());
    }
    elapse(Duration.ofMillis(10));
    store().create(pendingExport().owner("u9").fairnessKey("tenant-b").build());
    List<Task> two = store().claim("w1", TYPES, lease(), 2, fair());
    assertThat(two).extracting(t -> t.scheduling().fairnessKey())
        .containsExactlyInAnyOrder("tenant-a", "tenant-b");
  }

  @Test
  void claim_withoutFairnessTakesTheBestRankedTaskWhoeverOwnsIt() {
    for (int i = 0; i < 3; i++) {
      store().create(pendingExport().owner("heavy").build());
    }
    elapse(Duration.ofMillis(10));
    store().create(pendingExport().owner("bob").build());
    List<Task> batch = store().claim("w1", TYPES, lease(), 3, ClaimRules.NONE);
    assertThat(batch).extracting(Task::owner).containsOnly("heavy");
  }

  // ---- cluster-wide RUNNING limit per type

  @Test
  void claim_neverRunsMoreOfATypeThanItsLimitAcrossWorkers() {
    for (int i = 0; i < 6; i++) {
      store().create(pendingExport().build());
    }
    store().create(pendingExport().type("orders").build());
    ClaimRules two = limit("accounts", 2);
    List<Task> w1 = store().claim("w1", TYPES, lease(), 5, two);
    List<Task> w2 = store().claim("w2", TYPES, lease(), 5, two);
    // the limit holds accounts to 2; orders has none, so its task runs beside them
    assertThat(w1).extracting(Task::type)
        .containsExactlyInAnyOrder("accounts", "accounts", "orders");
    assertThat(w2).isEmpty();
  }

  @Test
  void claim_slotIsFreedByCompletionFailureCancelAndRelease() {
    for (int i = 0; i < 6; i++) {
      store().create(pendingExport().build());
    }
    ClaimRules one = limit("accounts", 1);
    Task a = claimOne("w1", one);
    assertThat(store().claim("w2", TYPES, lease(), 1, one)).isEmpty();
    assertThat(store().complete(a.fence(), result(), Progress.NONE)).isTrue();
    Task b = claimOne("w2", one);
    assertThat(store().fail(b.fence(), TaskError.of("boom", "boom"), null)).isTrue();
    Task c = claimOne("w1", one);
    assertThat(store().fail(c.fence(), TaskError.of("boom", "boom"), Duration.ofHours(1)))
        .isTrue();
    Task d = claimOne("w1", one);
    store().requestCancel(d.id());
    assertThat(store().cancelled(d.fence())).isTrue();
    Task e = claimOne("w1", one);
    assertThat(store().release(e.fence())).isTrue();
    Task f = claimOne("w2", one);
    assertThat(store().delete(f.id())).isTrue();
    claimOne("w2", one);
  }

  @Test
  void claim_slotOfAKilledWorkerIsFreedByLeaseRecovery() {
    store().create(pendingExport().build());
    store().create(pendingExport().build());
    ClaimRules one = limit("accounts", 1);
    Task lost = claimOne("killed", one);
    assertThat(store().claim("w2", TYPES, lease(), 1, one)).isEmpty();
    elapse(lease().plusMillis(200));
    assertThat(store().recoverExpiredLeases(10)).extracting(Task::id).contains(lost.id());
    assertThat(store().claim("w2", TYPES, lease(), 1, one)).hasSize(1);
  }

  @Test
  void claim_keepsTheLimitWhenEightWorkersRace() throws Exception {
    for (int i = 0; i < 40; i++) {
      store().create(pendingExport().build());
    }
    ClaimRules two = limit("accounts", 2);
    int workers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> claimed = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        String w = "w" + i;
        claimed.add(
            pool.submit(
                () -> {
                  start.await();
                  return store().claim(w, TYPES, lease(), 3, two).size();
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : claimed) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- RUNNING limits per owner: the queued form of the cap

  @Test
  void claim_holdsAnOwnersTasksBeyondItsRunningLimit() {
    for (int i = 0; i < 4; i++) {
      store().create(pendingExport().build());
    }
    store().create(pendingExport().owner("bob").build());
    ClaimRules perOwner = new ClaimRules(false, Map.of(), Map.of(), 2, 0);
    List<Task> batch = store().claim("w1", TYPES, lease(), 5, perOwner);
    assertThat(batch).extracting(Task::owner).containsExactlyInAnyOrder("ann", "ann", "bob");
    assertThat(store().claim("w2", TYPES, lease(), 5, perOwner)).isEmpty();
    Task ann = batch.stream().filter(t -> t.owner().equals("ann")).findFirst().orElseThrow();
    assertThat(store().complete(ann.fence(), result(), Progress.NONE)).isTrue();
    assertThat(store().claim("w2", TYPES, lease(), 5, perOwner)).extracting(Task::owner)
        .containsExactly("ann");
  }

  @Test
  void claim_reachesPastTheBacklogOfAnOwnerAtItsRunningLimit() {
    for (int i = 0; i < 60; i++) {
      store().create(pendingExport().build());
    }
    elapse(Duration.ofMillis(10));
    store().create(pendingExport().owner("bob").build());
    ClaimRules perOwner = new ClaimRules(false, Map.of(), Map.of(), 2, 0);
    assertThat(store().claim("w1", TYPES, lease(), 2, perOwner)).extracting(Task::owner)
        .containsOnly("ann");
    // ann is at her limit: her 58 waiting tasks must not hide bob's
    assertThat(store().claim("w2", TYPES, lease(), 2, perOwner)).extracting(Task::owner)
        .containsExactly("bob");
  }

  @Test
  void claim_holdsAnOwnersTasksOfATypeBeyondItsPerTypeRunningLimit() {
    store().create(pendingExport().build());
    store().create(pendingExport().build());
    store().create(pendingExport().type("orders").build());
    ClaimRules perType = new ClaimRules(false, Map.of(), Map.of(), 0, 1);
    List<Task> batch = store().claim("w1", TYPES, lease(), 5, perType);
    assertThat(batch).extracting(Task::type).containsExactlyInAnyOrder("accounts", "orders");
  }

  // ---- start rate per type

  @Test
  void claim_startsAtMostTheRateOfATypePerWindow() {
    for (int i = 0; i < 5; i++) {
      store().create(pendingExport().build());
    }
    Duration window = Duration.ofSeconds(2);
    ClaimRules rate =
        new ClaimRules(false, Map.of(), Map.of("accounts", new ClaimRules.Rate(2, window)), 0, 0);
    List<Task> first = store().claim("w1", TYPES, lease().multipliedBy(10), 5, rate);
    assertThat(first).hasSize(2);
    for (Task t : first) {
      assertThat(store().complete(t.fence(), result(), Progress.NONE)).isTrue();
    }
    // finishing does not give starts back within the window
    assertThat(store().claim("w2", TYPES, lease(), 5, rate)).isEmpty();
    elapse(window.plusMillis(100));
    assertThat(store().claim("w2", TYPES, lease(), 5, rate)).hasSize(2);
  }

  // ---- the operator's view

  @Test
  void activeOwners_countsPendingAndRunningPerOwnerMostPendingFirst() {
    for (int i = 0; i < 3; i++) {
      store().create(pendingExport().owner("heavy").build());
    }
    store().create(pendingExport().owner("bob").build());
    store().claim("w1", TYPES, lease(), 1, fair());
    assertThat(store().activeOwners(10))
        .extracting(o -> o.owner() + ":" + o.pending() + "+" + o.running())
        .containsAnyOf("heavy:3+0", "heavy:2+1")
        .hasSize(2)
        .first()
        .asString()
        .startsWith("heavy");
  }

  // ---- helpers

  private static ClaimRules fair() {
    return new ClaimRules(true, Map.of(), Map.of(), 0, 0);
  }

  private static ClaimRules limit(String type, int n) {
    return new ClaimRules(false, Map.of(type, n), Map.of(), 0, 0);
  }

  private Task claimOne(String worker, ClaimRules rules) {
    return store().claim(worker, TYPES, lease(), 1, rules).stream().findFirst()
        .orElseThrow(() -> new AssertionError("expected a task to claim"));
  }

  private static TaskResult result() {
    return TaskResult.ofFile(
        new FileRef("t/" + TaskId.random().value(), "accounts.csv", 123, "text/csv"));
  }
}
