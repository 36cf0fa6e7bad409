package io.taskport.testkit;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static io.taskport.testkit.TaskFixtures.pendingImport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.RowCounts;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskQuery;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileRef;
import io.taskport.store.CancelOutcome;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import io.taskport.TooManyTasksException;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TaskStore} keeps. A store's test extends this class unchanged and
 * supplies a fresh, empty store per test and a way to let the store's time pass.
 *
 * <p>One file on purpose: it is the single reference of the SPI's behaviour, read top to bottom.
 */
public abstract class TaskStoreContract {
  private static final Set<String> TYPES = Set.of("accounts");

  /**
   * The store under test, fresh for each test, seen through a {@link TransitionLog} that checks
   * every change of status against the state table.
   */
  protected TaskStore store;

  private TaskStore created;
  private TransitionLog transitions;

  /** Returns the store {@link #createStore()} made, for calls only that store has. */
  protected final TaskStore created() {
    return created;
  }

  /** Returns a new store with no tasks (its own key prefix, schema or table prefix). */
  protected abstract TaskStore createStore() throws Exception;

  /** Removes what the store wrote; called after each test. */
  protected void dropStore(TaskStore store) throws Exception {}

  /**
   * Lets at least {@code d} of the store's time pass: a manual clock advances; a real server's
   * clock is waited for.
   */
  protected abstract void elapse(Duration d);

  /** The lease used in the tests; short enough to wait for on a real server. */
  protected Duration lease() {
    return Duration.ofSeconds(1);
  }

  @BeforeEach
  final void openStore() throws Exception {
    created = createStore();
    transitions = new TransitionLog(created);
    store = transitions;
  }

  @AfterEach
  final void closeStore() throws Exception {
    if (created == null) {
      return; // createStore was skipped or failed
    }
    try {
      assertThat(transitions.violations()).as("changes of status the state table forbids").isEmpty();
    } finally {
      try {
        dropStore(created);
      } finally {
        created.close();
      }
    }
  }

  // ---- the state table

  @Test
  void transitions_everyOneAStorePerformsIsInTheTable() {
    Task done = claimOne(store.create(pendingExport().build()).task());
    store.complete(done.fence(), result(), Progress.of(1, 1));
    Task retried = claimOne(store.create(pendingExport().build()).task());
    store.fail(retried.fence(), TaskError.of(TaskError.HANDLER_FAILED, "x"), Duration.ZERO);
    Task failed = claimOne(store.get(retried.id()).orElseThrow());
    store.fail(failed.fence(), TaskError.of(TaskError.HANDLER_FAILED, "x"), null);
    store.requestCancel(store.create(pendingExport().build()).task().id());
    Task cancelled = claimOne(store.create(pendingExport().build()).task());
    store.requestCancel(cancelled.id());
    store.cancelled(cancelled.fence());
    Task released = claimOne(store.create(pendingExport().build()).task());
    store.release(released.fence());
    claimOne(store.get(released.id()).orElseThrow());
    elapse(lease().plusMillis(500));
    assertThat(store.recoverExpiredLeases(10)).extracting(Task::id).contains(released.id());
    assertThat(transitions.moves())
        .extracting(TransitionLog.Move::toString)
        .contains(
            "PENDING -> RUNNING",
            "RUNNING -> COMPLETED",
            "RUNNING -> PENDING",
            "RUNNING -> FAILED",
            "PENDING -> CANCELLED",
            "RUNNING -> CANCELLED");
    assertThat(transitions.violations()).isEmpty();
  }

  /** Claims the given task, which must be the only one due. */
  private Task claimOne(Task pending) {
    List<Task> claimed = store.claim("w1", TYPES, lease(), 1);
    assertThat(claimed).extracting(Task::id).containsExactly(pending.id());
    return claimed.get(0);
  }

  // ---- create and get

  @Test
  void create_returnsAPendingTaskDueNow() {
    NewTask n = pendingImport().params("{\"name\":\"张三 😀\"}").maxAttempts(4).build();
    Submission s = store.create(n);
    Task t = s.task();
    assertThat(s.created()).isTrue();
    assertThat(t.id()).isEqualTo(n.id());
    assertThat(t.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(t.attempts().current()).isZero();
    assertThat(t.attempts().max()).isEqualTo(4);
    assertThat(t.params()).isEqualTo("{\"name\":\"张三 😀\"}");
    assertThat(t.input()).isEqualTo(n.input());
    assertThat(t.dueAt()).isEqualTo(t.createdAt());
    assertThat(t.lease()).isNull();
    assertThat(store.get(n.id())).contains(t);
  }

  @Test
  void locale_isKeptFromCreateThroughClaimCompletionAndListing() {
    Task zh = store.create(pendingImport().locale("zh-CN").build()).task();
    assertThat(zh.locale()).isEqualTo("zh-CN");
    Task running = claimOne(zh);
    Task none = store.create(pendingExport().owner("bob").build()).task();
    assertThat(none.locale()).isNull();
    assertThat(running.locale()).isEqualTo("zh-CN");
    store.heartbeat(running.fence(), Progress.of(1, 2), "1", lease());
    assertThat(store.complete(running.fence(), result(), Progress.of(2, 2))).isTrue();
    assertThat(store.get(zh.id()).orElseThrow().locale()).isEqualTo("zh-CN");
    assertThat(store.list(TaskQuery.of("ann")).items())
        .extracting(Task::locale)
        .containsExactly("zh-CN");
    assertThat(store.get(none.id()).orElseThrow().locale()).isNull();
  }

  @Test
  void create_rejectsAnExistingId() {
    NewTask n = pendingExport().build();
    store.create(n);
    assertThatThrownBy(() -> store.create(n)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void create_returnsTheActiveTwinForTheSameOwnerTypeAndKey() {
    Task first = store.create(pendingExport().dedupKey("k").build()).task();
    Submission twin = store.create(pendingExport().dedupKey("k").build());
    assertThat(twin.created()).isFalse();
    assertThat(twin.id()).isEqualTo(first.id());
    assertThat(store.create(pendingExport().dedupKey("k").owner("bob").build()).created()).isTrue();
    assertThat(store.create(pendingExport().dedupKey("k").type("orders").build()).created())
        .isTrue();
    assertThat(store.create(pendingExport().dedupKey("other").build()).created()).isTrue();
    assertThat(store.create(pendingExport().build()).created()).isTrue();
    assertThat(store.create(pendingExport().build()).created()).isTrue();
  }

  @Test
  void create_allowsANewTaskOnceTheTwinHasFinished() {
    store.create(pendingExport().dedupKey("k").build());
    Task running = claim("w1");
    assertThat(store.create(pendingExport().dedupKey("k").build()).created()).isFalse();
    assertThat(store.complete(running.fence(), result(), Progress.NONE)).isTrue();
    assertThat(store.create(pendingExport().dedupKey("k").build()).created()).isTrue();
  }

  @Test
  void create_createsExactlyOneTaskWhenSixteenThreadsRace() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Submission>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.create(pendingExport().dedupKey("race").build());
                }));
      }
      start.countDown();
      Set<TaskId> ids = new HashSet<>();
      int created = 0;
      for (Future<Submission> f : results) {
        Submission s = f.get(30, TimeUnit.SECONDS);
        ids.add(s.id());
        created += s.created() ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void get_returnsEmptyForAnUnknownId() {
    assertThat(store.get(TaskId.random())).isEmpty();
  }

  @Test
  void instants_roundTripAtMillisecondsWhenTheDefaultZoneIsNotUtc() {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Oslo"));
    try {
      Task created = store.create(pendingExport().build()).task();
      assertThat(store.get(created.id())).contains(created);
      Task running = claim("w1");
      assertThat(store.get(running.id())).contains(running);
      assertThat(running.createdAt()).isEqualTo(created.createdAt());
      assertThat(running.startedAt()).isAfterOrEqualTo(created.createdAt());
      assertThat(running.lease().until()).isEqualTo(running.startedAt().plus(lease()));
      assertThat(store.complete(running.fence(), result(), Progress.NONE)).isTrue();
      Task done = store.get(running.id()).orElseThrow();
      assertThat(done.createdAt()).isEqualTo(created.createdAt());
      assertThat(done.expiresAt()).isEqualTo(done.finishedAt().plus(done.retention()));
      assertThat(done.createdAt().getNano() % 1_000_000).isZero();
    } finally {
      TimeZone.setDefault(before);
    }
  }

  // ---- claim

  @Test
  void claim_returnsEmptyWhenNothingIsDue() {
    assertThat(store.claim("w1", TYPES, lease(), 1).stream().findFirst()).isEmpty();
  }

  @Test
  void claim_makesTheTaskRunningWithALeaseAndTheNextAttempt() {
    Task created = store.create(pendingExport().build()).task();
    Task t = claim("w1");
    assertThat(t.id()).isEqualTo(created.id());
    assertThat(t.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(t.attempts().current()).isEqualTo(1);
    assertThat(t.lease().workerId()).isEqualTo("w1");
    assertThat(t.lease().until()).isEqualTo(t.startedAt().plus(lease()));
    assertThat(store.get(t.id())).contains(t);
    assertThat(store.claim("w2", TYPES, lease(), 1).stream().findFirst()).isEmpty();
  }

  @Test
  void claim_takesTheOldestDueTaskFirst() {
    TaskId first = store.create(pendingExport().build()).id();
    elapse(Duration.ofMillis(20));
    TaskId second = store.create(pendingExport().build()).id();
    elapse(Duration.ofMillis(20));
    TaskId third = store.create(pendingExport().build()).id();
    assertThat(List.of(claim("w").id(), claim("w").id(), claim("w").id()))
        .containsExactly(first, second, third);
  }

  @Test
  void claim_takesOnlyTheGivenTypes() {
    TaskId orders = store.create(pendingExport().type("orders").build()).id();
    assertThat(store.claim("w1", TYPES, lease(), 1).stream().findFirst()).isEmpty();
    assertThat(store.claim("w1", Set.of("orders", "x"), lease(), 1).stream().findFirst().map(Task::id)).contains(orders);
  }

  @Test
  void claim_neverHandsOutATaskTwiceToEightThreads() throws Exception {
    Set<TaskId> created = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      created.add(store.create(pendingExport().build()).id());
    }
    Set<TaskId> claimed = ConcurrentHashMap.newKeySet();
    List<TaskId> duplicates = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String worker = "w" + w;
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (var t = store.claim(worker, TYPES, Duration.ofMinutes(5), 1).stream().findFirst();
                      t.isPresent();
                      t = store.claim(worker, TYPES, Duration.ofMinutes(5), 1).stream().findFirst()) {
                    if (!claimed.add(t.get().id())) {
                      synchronized (duplicates) {
                        duplicates.add(t.get().id());
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : workers) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(claimed).isEqualTo(created);
  }

  @Test
  void claimMany_takesAtMostMaxOldestFirstAndEachOnce() {
    List<TaskId> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(store.create(pendingExport().build()).id());
      elapse(Duration.ofMillis(5));
    }
    store.create(pendingExport().type("orders").build());
    List<Task> first = store.claim("w1", TYPES, lease(), 3);
    assertThat(first).extracting(Task::id).containsExactlyElementsOf(created.subList(0, 3));
    assertThat(first)
        .allSatisfy(
            t -> {
              assertThat(t.status()).isEqualTo(TaskStatus.RUNNING);
              assertThat(t.lease().workerId()).isEqualTo("w1");
              assertThat(t.attempts().current()).isEqualTo(1);
              assertThat(store.get(t.id())).contains(t);
            });
    List<Task> rest = store.claim("w2", TYPES, lease(), 10);
    assertThat(rest).extracting(Task::id).containsExactlyElementsOf(created.subList(3, 5));
    assertThat(store.claim("w3", TYPES, lease(), 10)).isEmpty();
    assertThatThrownBy(() -> store.claim("w1", TYPES, lease(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claimMany_neverHandsOutATaskTwiceToEightThreads() throws Exception {
    Set<TaskId> created = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      created.add(store.create(pendingExport().build()).id());
    }
    Set<TaskId> claimed = ConcurrentHashMap.newKeySet();
    List<TaskId> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String worker = "w" + w;
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (List<Task> batch = store.claim(worker, TYPES, Duration.ofMinutes(5), 7);
                      !batch.isEmpty();
                      batch = store.claim(worker, TYPES, Duration.ofMinutes(5), 7)) {
                    assertThat(batch).hasSizeLessThanOrEqualTo(7);
                    for (Task t : batch) {
                      if (!claimed.add(t.id())) {
                        duplicates.add(t.id());
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : workers) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(claimed).isEqualTo(created);
  }

  @Test
  void awaitWork_returnsWithinItsBoundWhenNothingArrives() throws Exception {
    long start = System.nanoTime();
    store.awaitWork(TYPES, Duration.ofMillis(200));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void awaitWork_endsWhenATaskIsCreated() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch waiting = new CountDownLatch(1);
      Future<Boolean> waited =
          pool.submit(
              () -> {
                waiting.countDown();
                return store.awaitWork(TYPES, Duration.ofSeconds(30));
              });
      waiting.await();
      TaskId id = store.create(pendingExport().build()).id();
      // a store that cannot wait answers false at once; one that waits must wake well before 30 s
      waited.get(20, TimeUnit.SECONDS);
      assertThat(claim("w1").id()).isEqualTo(id);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void claim_waitsOutTheRetryDelay() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    TaskError error = TaskError.of("HANDLER_FAILED", "boom");
    assertThat(store.fail(t.fence(), error, Duration.ofHours(1))).isTrue();
    assertThat(store.claim("w1", TYPES, lease(), 1).stream().findFirst()).isEmpty();
    Task pending = store.get(t.id()).orElseThrow();
    assertThat(pending.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(pending.error()).isEqualTo(error);
    assertThat(pending.dueAt()).isAfter(pending.startedAt().plus(Duration.ofMinutes(59)));
  }

  // ---- heartbeat

  @Test
  void heartbeat_renewsTheLeaseAndSavesProgressAndCheckpoint() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    Progress p = new Progress(5, 10, "half way");
    assertThat(store.heartbeat(t.fence(), p, "42", lease().multipliedBy(10)))
        .isEqualTo(Heartbeat.ALIVE);
    elapse(lease().multipliedBy(2));
    assertThat(store.recoverExpiredLeases(10)).isEmpty();
    Task after = store.get(t.id()).orElseThrow();
    assertThat(after.progress()).isEqualTo(p);
    assertThat(after.checkpoint()).isEqualTo("42");
    assertThat(after.lease().until()).isAfter(t.lease().until());
    assertThat(store.heartbeat(t.fence(), p, null, lease())).isEqualTo(Heartbeat.ALIVE);
    assertThat(store.get(t.id()).orElseThrow().checkpoint()).isEqualTo("42");
  }

  @Test
  void heartbeat_reportsACancelRequest() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    assertThat(store.requestCancel(t.id())).isEqualTo(CancelOutcome.REQUESTED);
    assertThat(store.heartbeat(t.fence(), Progress.NONE, null, lease()))
        .isEqualTo(Heartbeat.CANCEL_REQUESTED);
    assertThat(store.get(t.id()).orElseThrow().cancelRequested()).isTrue();
    assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
  }

  @Test
  void heartbeat_isLostForTheWrongWorkerOrAttempt() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    Progress p = Progress.of(7, 9);
    assertThat(store.heartbeat(new Fence(t.id(), "w2", 1), p, "x", lease()))
        .isEqualTo(Heartbeat.LOST);
    assertThat(store.heartbeat(new Fence(t.id(), "w1", 2), p, "x", lease()))
        .isEqualTo(Heartbeat.LOST);
    assertThat(store.heartbeat(new Fence(TaskId.random(), "w1", 1), p, "x", lease()))
        .isEqualTo(Heartbeat.LOST);
    assertThat(store.get(t.id())).contains(t);
  }

  // ---- complete, fail, cancel, release

  @Test
  void complete_finishesWithTheResultAndAnExpiry() {
    store.create(pendingExport().retention(Duration.ofHours(2)).build());
    Task t = claim("w1");
    TaskResult result = result();
    assertThat(store.complete(t.fence(), result, Progress.NONE)).isTrue();
    Task done = store.get(t.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.result()).isEqualTo(result);
    assertThat(done.lease()).isNull();
    assertThat(done.finishedAt()).isAfterOrEqualTo(t.startedAt());
    assertThat(done.expiresAt()).isEqualTo(done.finishedAt().plus(Duration.ofHours(2)));
  }

  @Test
  void complete_withProgressSavesTheFinalProgressInTheSameStep() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    TaskResult result = result();
    Progress last = new Progress(120, 120, "done ✓");
    assertThat(store.complete(new Fence(t.id(), "w2", 1), result, last)).isFalse();
    assertThat(store.get(t.id())).contains(t);
    assertThat(store.complete(t.fence(), result, last)).isTrue();
    Task done = store.get(t.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.result()).isEqualTo(result);
    assertThat(done.progress()).isEqualTo(last);
    assertThat(store.complete(t.fence(), result, last)).isFalse();
  }

  @Test
  void complete_keepsImportCountsAndErrorReport() {
    store.create(pendingImport().build());
    Task t = claim("w1");
    FileRef report = new FileRef("r/" + t.id() + "/errors", "errors.csv", 99, "text/csv");
    TaskResult result = new TaskResult(null, report, new RowCounts(10, 7, 2, 1));
    assertThat(store.complete(t.fence(), result, Progress.NONE)).isTrue();
    assertThat(store.get(t.id()).orElseThrow().result()).isEqualTo(result);
  }

  /** Returns a COMPLETED check of ann's, with the given caps. */
  private Task completedCheck(int maxActive) {
    store.create(pendingImport().check(true).caps(maxActive, 0).build());
    Task t = claim("w1");
    TaskResult result =
        new TaskResult(
            new FileRef("p/" + t.id(), "preview.json", 9, "application/json"),
            null,
            new RowCounts(3, 0, 0, 0));
    assertThat(store.complete(t.fence(), result, Progress.NONE)).isTrue();
    return store.get(t.id()).orElseThrow();
  }

  @Test
  void confirm_marksACompletedCheckAndCreatesItsLoadOnce() {
    Task pending = store.create(pendingImport().check(true).build()).task();
    assertThat(pending.check()).isTrue();
    assertThat(store.confirm(pending.id(), pendingImport().build()))
        .as("a check still pending").isEmpty();
    Task t = claim("w1");
    TaskResult result =
        new TaskResult(
            new FileRef("p/" + t.id(), "preview.json", 9, "application/json"),
            null,
            new RowCounts(3, 0, 0, 0));
    assertThat(store.complete(t.fence(), result, Progress.NONE)).isTrue();
    Task done = store.get(t.id()).orElseThrow();
    assertThat(done.confirmedBy()).isNull();
    NewTask load = pendingImport().input(done.input()).locale("zh-CN").build();
    Task created = store.confirm(t.id(), load).orElseThrow();
    assertThat(created.id()).isEqualTo(load.id());
    assertThat(created.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(created.check()).isFalse();
    assertThat(created.input()).isEqualTo(done.input());
    assertThat(created.locale()).isEqualTo("zh-CN");
    assertThat(store.get(load.id())).contains(created);
    NewTask second = pendingImport().build();
    assertThat(store.confirm(t.id(), second)).as("a second confirmation").isEmpty();
    assertThat(store.get(second.id())).as("the second load").isEmpty();
    Task confirmed = store.get(t.id()).orElseThrow();
    assertThat(confirmed.confirmedBy()).isEqualTo(load.id());
    assertThat(confirmed.check()).isTrue();
    assertThat(confirmed.result()).isEqualTo(result);
    assertThat(confirmed.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(confirmed.expiresAt()).isEqualTo(done.expiresAt());
    assertThat(store.confirm(TaskId.random(), pendingImport().build()))
        .as("an unknown task").isEmpty();
    assertThat(claim("w1").id()).as("the load is claimable").isEqualTo(load.id());
    store.create(pendingImport().build());
    Task plain = claim("w1");
    store.complete(plain.fence(), result, Progress.NONE);
    assertThat(plain.check()).isFalse();
    assertThat(store.confirm(plain.id(), pendingImport().build()))
        .as("an import that is not a check").isEmpty();
  }

  @Test
  void confirm_refusedByAPerOwnerCapChangesNothing() {
    Task check = completedCheck(1);
    Task busy = store.create(pendingExport().caps(1, 0).build()).task();
    NewTask load = pendingImport().input(check.input()).caps(1, 0).build();
    assertThatThrownBy(() -> store.confirm(check.id(), load))
        .isInstanceOf(TooManyTasksException.class);
    assertThat(store.get(check.id()).orElseThrow().confirmedBy()).isNull();
    assertThat(store.get(load.id())).isEmpty();
    store.requestCancel(busy.id());
    Task created = store.confirm(check.id(), load).orElseThrow();
    assertThat(created.id()).isEqualTo(load.id());
    assertThat(store.get(check.id()).orElseThrow().confirmedBy()).isEqualTo(load.id());
  }

  @Test
  void confirm_refusesALoadWithADedupKey() {
    Task check = completedCheck(0);
    assertThatThrownBy(() -> store.confirm(check.id(), pendingImport().dedupKey("k").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.get(check.id()).orElseThrow().confirmedBy()).isNull();
  }

  @Test
  void complete_isRejectedForAStaleAttemptOrAnotherWorker() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    assertThat(store.complete(new Fence(t.id(), "w1", 2), result(), Progress.NONE)).isFalse();
    assertThat(store.complete(new Fence(t.id(), "w2", 1), result(), Progress.NONE)).isFalse();
    assertThat(store.get(t.id())).contains(t);
  }

  @Test
  void terminalStates_stayTerminal() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    assertThat(store.complete(t.fence(), result(), Progress.NONE)).isTrue();
    Task done = store.get(t.id()).orElseThrow();
    assertThat(store.complete(t.fence(), result(), Progress.NONE)).isFalse();
    assertThat(store.fail(t.fence(), TaskError.of("X", "x"), null)).isFalse();
    assertThat(store.fail(t.fence(), TaskError.of("X", "x"), Duration.ZERO)).isFalse();
    assertThat(store.cancelled(t.fence())).isFalse();
    assertThat(store.release(t.fence())).isFalse();
    assertThat(store.heartbeat(t.fence(), Progress.NONE, null, lease()))
        .isEqualTo(Heartbeat.LOST);
    assertThat(store.requestCancel(t.id())).isEqualTo(CancelOutcome.ALREADY_FINISHED);
    assertThat(store.claim("w2", TYPES, lease(), 1).stream().findFirst()).isEmpty();
    assertThat(store.get(t.id())).contains(done);
  }

  @Test
  void fail_withoutRetryEndsFailedWithTheError() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    TaskError error = TaskError.of(TaskError.TIMEOUT, "took too long");
    assertThat(store.fail(t.fence(), error, null)).isTrue();
    Task failed = store.get(t.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.error()).isEqualTo(error);
    assertThat(failed.finishedAt()).isNotNull();
    assertThat(failed.expiresAt()).isEqualTo(failed.finishedAt().plus(failed.retention()));
  }

  @Test
  void fail_withRetryCountsTheAttempt() {
    store.create(pendingExport().build());
    Task first = claim("w1");
    assertThat(store.fail(first.fence(), TaskError.of("X", "x"), Duration.ZERO)).isTrue();
    Task second = claim("w2");
    assertThat(second.attempts().current()).isEqualTo(2);
    assertThat(store.complete(first.fence(), result(), Progress.NONE)).isFalse();
    assertThat(store.complete(second.fence(), result(), Progress.NONE)).isTrue();
  }

  @Test
  void requestCancel_cancelsAPendingTaskAtOnce() {
    Task t = store.create(pendingExport().dedupKey("k").build()).task();
    assertThat(store.requestCancel(t.id())).isEqualTo(CancelOutcome.CANCELLED);
    Task cancelled = store.get(t.id()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(cancelled.finishedAt()).isNotNull();
    assertThat(store.claim("w1", TYPES, lease(), 1).stream().findFirst()).isEmpty();
    assertThat(store.create(pendingExport().dedupKey("k").build()).created()).isTrue();
  }

  @Test
  void requestCancel_reportsUnknownAndFinishedTasks() {
    assertThat(store.requestCancel(TaskId.random())).isEqualTo(CancelOutcome.NOT_FOUND);
    store.create(pendingExport().build());
    Task t = claim("w1");
    store.fail(t.fence(), TaskError.of("X", "x"), null);
    assertThat(store.requestCancel(t.id())).isEqualTo(CancelOutcome.ALREADY_FINISHED);
  }

  @Test
  void cancelled_endsARunningTaskWhoseWorkerSawTheRequest() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    store.requestCancel(t.id());
    assertThat(store.cancelled(new Fence(t.id(), "w2", 1))).isFalse();
    assertThat(store.cancelled(t.fence())).isTrue();
    assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
  }

  @Test
  void release_handsTheTaskBackWithoutCountingTheAttempt() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    assertThat(store.release(t.fence())).isTrue();
    Task pending = store.get(t.id()).orElseThrow();
    assertThat(pending.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(pending.attempts().current()).isZero();
    Task again = claim("w2");
    assertThat(again.attempts().current()).isEqualTo(1);
    assertThat(store.complete(t.fence(), result(), Progress.NONE)).isFalse();
  }

  @Test
  void delete_removesTheTaskAndFreesItsDedupKey() {
    Task t = store.create(pendingExport().dedupKey("k").build()).task();
    assertThat(store.delete(t.id())).isTrue();
    assertThat(store.get(t.id())).isEmpty();
    assertThat(store.delete(t.id())).isFalse();
    assertThat(store.claim("w1", TYPES, lease(), 1).stream().findFirst()).isEmpty();
    assertThat(store.create(pendingExport().dedupKey("k").build()).created()).isTrue();
  }

  // ---- recovery and retention

  @Test
  void recoverExpiredLeases_leavesLiveLeasesAlone() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    assertThat(store.recoverExpiredLeases(10)).isEmpty();
    assertThat(store.get(t.id())).contains(t);
  }

  @Test
  void recoverExpiredLeases_returnsAnExpiredTaskToPendingWithItsAttemptCounted() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    elapse(lease().multipliedBy(2));
    List<Task> recovered = store.recoverExpiredLeases(10);
    assertThat(recovered).extracting(Task::id).containsExactly(t.id());
    assertThat(recovered.get(0).status()).isEqualTo(TaskStatus.PENDING);
    Task pending = store.get(t.id()).orElseThrow();
    assertThat(pending.attempts().current()).isEqualTo(1);
    // the last attempt's end is kept, so a worker can tell a task whose worker was lost
    assertThat(pending.error().code()).isEqualTo(TaskError.LEASE_LOST);
    assertThat(pending.error().message()).isEqualTo("the worker stopped responding during attempt 1");
    assertThat(claim("w2").attempts().current()).isEqualTo(2);
  }

  @Test
  void recoverExpiredLeases_writesTheErrorInTheTasksLanguage() {
    store.create(pendingExport().locale("zh-CN").maxAttempts(2).build());
    Task t = claim("w1");
    elapse(lease().multipliedBy(2));
    assertThat(store.recoverExpiredLeases(10)).hasSize(1);
    TaskError retrying = store.get(t.id()).orElseThrow().error();
    assertThat(retrying.code()).isEqualTo(TaskError.LEASE_LOST);
    assertThat(retrying.message()).isEqualTo("第 1 次执行时工作节点已无响应；任务将重新执行");
    claim("w2");
    elapse(lease().multipliedBy(2));
    List<Task> failed = store.recoverExpiredLeases(10);
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).error().message()).isEqualTo("全部 2 次执行中工作节点都已无响应");
    assertThat(store.get(t.id()).orElseThrow().error().message())
        .isEqualTo("全部 2 次执行中工作节点都已无响应");
  }

  @Test
  void recoverExpiredLeases_failsTheTaskWhenItsAttemptsAreSpent() {
    store.create(pendingExport().maxAttempts(1).build());
    Task t = claim("w1");
    elapse(lease().multipliedBy(2));
    assertThat(store.recoverExpiredLeases(10)).hasSize(1);
    Task failed = store.get(t.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.error().code()).isEqualTo(TaskError.LEASE_LOST);
    assertThat(failed.expiresAt()).isNotNull();
  }

  @Test
  void recoverExpiredLeases_cancelsATaskWhoseCancelWasRequested() {
    store.create(pendingExport().build());
    Task t = claim("w1");
    store.requestCancel(t.id());
    elapse(lease().multipliedBy(2));
    assertThat(store.recoverExpiredLeases(10)).hasSize(1);
    assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
  }

  @Test
  void takeover_fencesOutTheWorkerThatLostItsLease() {
    store.create(pendingExport().build());
    Task a = claim("worker-a");
    elapse(lease().multipliedBy(2));
    assertThat(store.recoverExpiredLeases(10)).hasSize(1);
    Task b = claim("worker-b");
    assertThat(b.attempts().current()).isEqualTo(2);
    assertThat(store.heartbeat(a.fence(), Progress.of(99, 100), "a", lease()))
        .isEqualTo(Heartbeat.LOST);
    assertThat(store.fail(a.fence(), TaskError.of("X", "x"), null)).isFalse();
    assertThat(store.complete(a.fence(), result(), Progress.NONE)).isFalse();
    TaskResult resultOfB = result();
    assertThat(store.complete(b.fence(), resultOfB, Progress.NONE)).isTrue();
    Task done = store.get(b.id()).orElseThrow();
    assertThat(done.result()).isEqualTo(resultOfB);
    assertThat(done.progress()).isEqualTo(Progress.NONE);
    assertThat(done.checkpoint()).isNull();
  }

  @Test
  void purgeExpired_deletesFinishedTasksPastTheirRetention() {
    Duration shortRetention = lease();
    store.create(pendingExport().retention(shortRetention).build());
    Task expiring = claim("w1");
    TaskResult result = result();
    store.complete(expiring.fence(), result, Progress.NONE);
    store.create(pendingExport().retention(Duration.ofHours(1)).build());
    Task kept = claim("w1");
    store.complete(kept.fence(), result(), Progress.NONE);
    TaskId pending = store.create(pendingExport().retention(Duration.ZERO).build()).id();
    elapse(shortRetention.multipliedBy(2));
    List<Task> purged = store.purgeExpired(100);
    assertThat(purged).extracting(Task::id).containsExactly(expiring.id());
    assertThat(purged.get(0).result()).isEqualTo(result);
    assertThat(store.get(expiring.id())).isEmpty();
    assertThat(store.get(kept.id())).isPresent();
    assertThat(store.get(pending)).isPresent();
  }

  @Test
  void purgeExpired_stopsAtTheLimit() {
    for (int i = 0; i < 5; i++) {
      store.create(pendingExport().retention(Duration.ZERO).build());
      store.requestCancel(claim("w1").id());
    }
    for (Task t : store.list(TaskQuery.of("ann")).items()) {
      store.cancelled(t.fence());
    }
    elapse(Duration.ofMillis(10));
    assertThat(store.purgeExpired(3)).hasSize(3);
    assertThat(store.purgeExpired(3)).hasSize(2);
    assertThat(store.purgeExpired(3)).isEmpty();
  }

  // ---- listing

  @Test
  void list_returnsOnlyTheOwnersTasksNewestFirst() {
    TaskId older = store.create(pendingExport().build()).id();
    elapse(Duration.ofMillis(10));
    TaskId newer = store.create(pendingExport().build()).id();
    store.create(pendingExport().owner("bob").build());
    Page<Task> page = store.list(TaskQuery.of("ann"));
    assertThat(page.items()).extracting(Task::id).containsExactly(newer, older);
    assertThat(page.next()).isNull();
    assertThat(store.list(TaskQuery.of("carol")).items()).isEmpty();
  }

  @Test
  void list_filtersByStatusAndType() {
    store.create(pendingExport().build());
    Task running = claim("w1");
    TaskId pending = store.create(pendingExport().build()).id();
    TaskId orders = store.create(pendingExport().type("orders").build()).id();
    TaskQuery q = TaskQuery.of("ann");
    assertThat(store.list(q.status(TaskStatus.RUNNING)).items())
        .extracting(Task::id)
        .containsExactly(running.id());
    assertThat(store.list(q.type("orders")).items()).extracting(Task::id).containsExactly(orders);
    assertThat(store.list(q.status(TaskStatus.PENDING).type("accounts")).items())
        .extracting(Task::id)
        .containsExactly(pending);
    assertThat(store.list(q.statuses(Set.of(TaskStatus.PENDING, TaskStatus.RUNNING))).items())
        .hasSize(3);
  }

  @Test
  void list_pagesWithoutGapsOrRepeats() {
    Set<TaskId> created = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      created.add(store.create(pendingExport().build()).id());
      if (i % 7 == 0) {
        elapse(Duration.ofMillis(5));
      }
    }
    store.create(pendingExport().owner("bob").build());
    List<Task> all = new ArrayList<>();
    TaskQuery q = TaskQuery.of("ann").limit(10);
    Page<Task> page = store.list(q);
    int pages = 1;
    all.addAll(page.items());
    while (page.hasNext()) {
      page = store.list(q.after(page.next()));
      all.addAll(page.items());
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(all).extracting(Task::id).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all.stream().map(Task::id).toList())).isEqualTo(created);
    for (int i = 1; i < all.size(); i++) {
      Task prev = all.get(i - 1);
      Task cur = all.get(i);
      assertThat(new Page.Cursor(prev.createdAt(), prev.id()).precedes(cur.createdAt(), cur.id()))
          .isTrue();
    }
  }

  // ---- races

  @Test
  void completeRacingCancelled_endsInExactlyOneTerminalState() throws Exception {
    int n = 200;
    for (int i = 0; i < n; i++) {
      store.create(pendingExport().build());
    }
    List<Task> running = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      running.add(claim("w1"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> completes = new ArrayList<>();
      List<Future<Boolean>> cancels = new ArrayList<>();
      for (Task t : running) {
        completes.add(pool.submit(() -> store.complete(t.fence(), result(), Progress.NONE)));
        cancels.add(pool.submit(() -> store.cancelled(t.fence())));
      }
      for (int i = 0; i < n; i++) {
        boolean completed = completes.get(i).get(60, TimeUnit.SECONDS);
        boolean cancelled = cancels.get(i).get(60, TimeUnit.SECONDS);
        assertThat(completed ^ cancelled).as("exactly one transition accepted").isTrue();
        TaskStatus status = store.get(running.get(i).id()).orElseThrow().status();
        assertThat(status).isEqualTo(completed ? TaskStatus.COMPLETED : TaskStatus.CANCELLED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- the operator's part

  /** Runs {@link TaskStoreAdminContract} on this class's store. */
  @Nested
  class Admin extends TaskStoreAdminContract {
    @Override
    protected TaskStore store() {
      return store;
    }

    @Override
    protected void elapse(Duration d) {
      TaskStoreContract.this.elapse(d);
    }

    @Override
    protected Duration lease() {
      return TaskStoreContract.this.lease();
    }
  }

  // ---- scheduling rules

  /** Runs {@link TaskStoreSchedulingContract} on this class's store. */
  @Nested
  class Scheduling extends TaskStoreSchedulingContract {
    @Override
    protected TaskStore store() {
      return store;
    }

    @Override
    protected void elapse(Duration d) {
      TaskStoreContract.this.elapse(d);
    }

    @Override
    protected Duration lease() {
      return TaskStoreContract.this.lease();
    }
  }

  // ---- batch create

  /** Runs {@link TaskStoreBatchContract} on this class's store. */
  @Nested
  class Batch extends TaskStoreBatchContract {
    @Override
    protected TaskStore store() {
      return store;
    }

    @Override
    protected Duration lease() {
      return TaskStoreContract.this.lease();
    }
  }

  // ---- helpers

  /** Claims the next due task of type {@code accounts}, which must exist. */
  protected Task claim(String worker) {
    return store
        .claim(worker, TYPES, lease(), 1).stream().findFirst()
        .orElseThrow(() -> new AssertionError("expected a task to claim"));
  }

  /** Returns an export result with a fresh file key. */
  protected static TaskResult result() {
    return TaskResult.ofFile(
        new FileRef("t/" + TaskId.random().value(), "accounts.csv", 123, "text/csv"));
  }
}
