package io.taskport;

import static io.taskport.Fixtures.account;
import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.handler.ExportHandler;
import io.taskport.internal.TaskEngine;
import io.taskport.store.CancelOutcome;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.ManualClock;
import io.taskport.testkit.RecordingListener;
import io.taskport.testkit.TsvFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskManagerTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);
  private final List<TaskManager> managers = new ArrayList<>();

  @AfterEach
  void closeManagers() {
    managers.forEach(TaskManager::close);
  }

  private TaskManagerBuilder builder(ExportHandler<?, ?>... handlers) {
    TaskManagerBuilder b =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .clock(clock)
            .format(new TsvFormat())
            .pollInterval(Duration.ofMillis(20))
            .retryDelay(Duration.ofMillis(1), Duration.ofMillis(5));
    for (ExportHandler<?, ?> h : handlers) {
      b.export(h);
    }
    return b;
  }

  private TaskManager start(TaskManagerBuilder b) {
    TaskManager m = b.build();
    managers.add(m);
    m.start();
    return m;
  }

  private static ExportRequest accounts(String owner) {
    return ExportRequest.of("accounts", owner).format("tsv").params(Map.of("region", "EU"));
  }

  private Task awaitStatus(TaskManager m, TaskId id, TaskStatus status) {
    await().atMost(Duration.ofSeconds(20)).until(() -> m.get(id, "ann").status() == status);
    return m.get(id, "ann");
  }

  @Test
  void submit_runsTheExportAndPublishesItsFile() throws IOException {
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          for (int i = 0; i < 2500; i++) {
            out.write(account(i));
          }
        })));
    RecordingListener all = new RecordingListener();
    m.subscribeAll(all);
    Submission s = m.submit(accounts("ann"));
    assertThat(s.created()).isTrue();
    Task done = awaitStatus(m, s.id(), TaskStatus.COMPLETED);
    assertThat(done.result().file().fileName()).isEqualTo("accounts.tsv");
    assertThat(done.progress().done()).isEqualTo(2500);
    try (InputStream in = m.openResult(s.id(), "ann")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text.lines()).hasSize(2501).first().isEqualTo("Name\tBalance\tOpened");
    }
    await().until(() -> all.statuses().contains(TaskStatus.COMPLETED));
    assertThat(all.statuses()).startsWith(TaskStatus.PENDING, TaskStatus.RUNNING);
  }

  @Test
  void submit_returnsTheActiveTwinForTheSameParams() {
    TaskManager m = builder(export("accounts", (ctx, out) -> {})).workers(0).build();
    managers.add(m);
    Submission first = m.submit(accounts("ann"));
    Submission again = m.submit(accounts("ann"));
    Submission other = m.submit(accounts("ann").params(Map.of("region", "US")));
    Submission forced = m.submit(accounts("ann").allowDuplicates());
    assertThat(again.created()).isFalse();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(other.created()).isTrue();
    assertThat(forced.created()).isTrue();
  }

  @Test
  void submit_refusesUnknownTypesFormatsAndBadParamsWithoutCreatingATask() {
    TaskManager m = builder(export("accounts", (ctx, out) -> {})).workers(0).build();
    managers.add(m);
    assertThatThrownBy(() -> m.submit(ExportRequest.of("nope", "ann")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown export type 'nope'")
        .hasMessageContaining("accounts");
    assertThatThrownBy(() -> m.submit(accounts("ann").format("pdf")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown format 'pdf'");
    assertThatThrownBy(
            () -> m.submit(accounts("ann").params("{\"region\":\"EU\",\"limit\":\"x\",\"bad\":1}")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder("params.limit", "params.bad"));
    assertThat(m.list(TaskQuery.of("ann")).items()).isEmpty();
  }

  @Test
  void userCalls_checkTheOwner() {
    TaskManager m = builder(export("accounts", (ctx, out) -> {})).workers(0).build();
    managers.add(m);
    TaskId id = m.submit(accounts("ann")).id();
    assertThatThrownBy(() -> m.get(id, "bob")).isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> m.cancel(id, "bob")).isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> m.delete(id, "bob")).isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> m.openResult(id, "bob")).isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> m.subscribe(id, "bob", e -> {}))
        .isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> m.get(TaskId.random(), "ann"))
        .isInstanceOf(TaskNotFoundException.class);
    assertThat(m.list(TaskQuery.of("bob")).items()).isEmpty();
    assertThatThrownBy(() -> m.openResult(id, "ann"))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("PENDING, not COMPLETED");
    assertThatThrownBy(() -> m.delete(id, "ann"))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("cancel it first");
    assertThat(m.get(id, "ann").status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void aThrowingHandlerIsRetriedThenFailsWithItsMessage() {
    AtomicInteger calls = new AtomicInteger();
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("database is down");
        })).maxAttempts(3));
    TaskId id = m.submit(accounts("ann")).id();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              clock.advance(Duration.ofSeconds(1)); // past each retry delay
              return m.get(id, "ann").status() == TaskStatus.FAILED;
            });
    Task failed = m.get(id, "ann");
    assertThat(calls).hasValue(3);
    assertThat(failed.attempts().current()).isEqualTo(3);
    assertThat(failed.error()).isEqualTo(TaskError.of(TaskError.HANDLER_FAILED, "database is down"));
    assertThat(failed.result()).isNull();
  }

  @Test
  void aNonRetryableErrorFailsAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          calls.incrementAndGet();
          throw new NonRetryableException("NO_DATA", "nothing to export for EU");
        })));
    Task failed = awaitStatus(m, m.submit(accounts("ann")).id(), TaskStatus.FAILED);
    assertThat(calls).hasValue(1);
    assertThat(failed.error()).isEqualTo(TaskError.of("NO_DATA", "nothing to export for EU"));
  }

  @Test
  void aHandlerRunningPastItsLeaseKeepsItThroughHeartbeats() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    FaultyTaskStore counting = new FaultyTaskStore(store);
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          calls.incrementAndGet();
          release.await(20, TimeUnit.SECONDS);
        })).store(counting).lease(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofSeconds(1)));
    TaskId id = m.submit(accounts("ann")).id();
    awaitStatus(m, id, TaskStatus.RUNNING);
    for (int i = 0; i < 5; i++) {
      int before = counting.heartbeats();
      clock.advance(Duration.ofSeconds(1));
      await().until(() -> counting.heartbeats() > before);
      ((TaskEngine) m).housekeep();
    }
    assertThat(m.get(id, "ann").status()).isEqualTo(TaskStatus.RUNNING);
    release.countDown();
    awaitStatus(m, id, TaskStatus.COMPLETED);
    assertThat(calls).hasValue(1);
  }

  @Test
  void cancel_stopsARunningTaskAtItsNextCheckpoint() {
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          for (int i = 0; ; i++) {
            out.write(account(i));
          }
        })));
    TaskId id = m.submit(accounts("ann")).id();
    await().until(() -> m.get(id, "ann").status() == TaskStatus.RUNNING);
    assertThat(m.cancel(id, "ann")).isEqualTo(CancelOutcome.REQUESTED);
    Task cancelled = awaitStatus(m, id, TaskStatus.CANCELLED);
    assertThat(cancelled.result()).isNull();
    assertThat(m.cancel(id, "ann")).isEqualTo(CancelOutcome.ALREADY_FINISHED);
  }

  @Test
  void cancel_cancelsAPendingTaskAtOnce() {
    TaskManager m = builder(export("accounts", (ctx, out) -> {})).workers(0).build();
    managers.add(m);
    TaskId id = m.submit(accounts("ann")).id();
    assertThat(m.cancel(id, "ann")).isEqualTo(CancelOutcome.CANCELLED);
    assertThat(m.get(id, "ann").status()).isEqualTo(TaskStatus.CANCELLED);
  }

  @Test
  void aTaskPastTheTimeoutFailsWithTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          try {
            never.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
          }
        })).taskTimeout(Duration.ofMinutes(30)).lease(Duration.ofHours(1)));
    TaskId id = m.submit(accounts("ann")).id();
    awaitStatus(m, id, TaskStatus.RUNNING);
    // the lease outlasts the jump, so the timeout, not a sweep of the expired lease, ends it
    clock.advance(Duration.ofMinutes(31));
    Task failed = awaitStatus(m, id, TaskStatus.FAILED);
    assertThat(failed.error().code()).isEqualTo(TaskError.TIMEOUT);
    await().until(() -> interrupted.get() == 1);
  }

  @Test
  void aFullExecutorHandsTheTaskBackAndRunsItLater() {
    AtomicInteger refusals = new AtomicInteger(2);
    Executor refusing =
        command -> {
          if (refusals.getAndDecrement() > 0) {
            throw new java.util.concurrent.RejectedExecutionException("full");
          }
          new Thread(command).start();
        };
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> out.write(account(1)))).executor(refusing));
    Task done = awaitStatus(m, m.submit(accounts("ann")).id(), TaskStatus.COMPLETED);
    assertThat(refusals.get()).isNegative();
    assertThat(done.attempts().current()).isEqualTo(1);
  }

  @Test
  void close_handsARunningTaskBackAndAnotherNodeFinishesIt() throws Exception {
    InvocationAudit audit = new InvocationAudit();
    CountDownLatch started = new CountDownLatch(1);
    ExportHandler.Body<Fixtures.Filter, Fixtures.Account> body =
        (ctx, out) -> {
          audit.started(ctx.taskId(), ctx.attempt(), Thread.currentThread().getName(), clock.instant());
          started.countDown();
          for (int i = 0; i < 10 && !ctx.isCancelled(); i++) {
            out.write(account(i));
          }
          if (ctx.attempt() == 1 && !Thread.currentThread().getName().contains("b-")) {
            new CountDownLatch(1).await(30, TimeUnit.SECONDS); // until interrupted by close
          }
          audit.ended(ctx.taskId(), ctx.attempt(), Thread.currentThread().getName(), clock.instant());
        };
    TaskManager a =
        start(builder(export("accounts", body)).drainTimeout(Duration.ofMillis(200)).workerId("a"));
    TaskId id = a.submit(accounts("ann")).id();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    a.close();
    Task released = store.get(id).orElseThrow();
    assertThat(released.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(released.attempts().current()).isZero();
    TaskManager b =
        start(builder(export("accounts", body)).workerId("b").executor(r -> new Thread(r, "b-1").start()));
    Task done = awaitStatus(b, id, TaskStatus.COMPLETED);
    assertThat(done.lease()).isNull();
    assertThat(audit.countByTask().get(id)).isEqualTo(2);
    try (var files = Files.walk(dir.resolve(id.value()))) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
    }
  }

  @Test
  void aWorkerThatLostItsLeaseStopsAndWritesNothing() throws Exception {
    FaultyTaskStore faulty = new FaultyTaskStore(store);
    CountDownLatch aRunning = new CountDownLatch(1);
    AtomicInteger aStopped = new AtomicInteger();
    TaskManager a =
        start(builder(export("accounts", (ctx, out) -> {
          aRunning.countDown();
          while (true) {
            try {
              ctx.checkCancelled();
            } catch (java.util.concurrent.CancellationException e) {
              aStopped.incrementAndGet();
              throw e;
            }
            Thread.onSpinWait();
          }
        })).store(faulty).workerId("a").lease(Duration.ofSeconds(30)));
    TaskId id = a.submit(accounts("ann")).id();
    assertThat(aRunning.await(10, TimeUnit.SECONDS)).isTrue();
    faulty.failHeartbeats(true); // node a is cut off from the store
    faulty.failClaims(true);
    clock.advance(Duration.ofSeconds(31));
    assertThat(store.recoverExpiredLeases(10)).extracting(Task::id).containsExactly(id);
    await().until(() -> aStopped.get() == 1);
    TaskManager b =
        start(builder(export("accounts", (ctx, out) -> out.write(account(7)))).workerId("b"));
    Task done = awaitStatus(b, id, TaskStatus.COMPLETED);
    assertThat(done.attempts().current()).isEqualTo(2);
    try (InputStream in = b.openResult(id, "ann")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("account 7");
    }
  }

  @Test
  void aSweepWaitingOnTheStoreDoesNotHoldUpHeartbeats() throws Exception {
    FaultyTaskStore faulty = new FaultyTaskStore(store);
    faulty.holdSweeps(true);
    CountDownLatch release = new CountDownLatch(1);
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> release.await(20, TimeUnit.SECONDS)))
            .store(faulty).lease(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofSeconds(1)));
    TaskId id = m.submit(accounts("ann")).id();
    awaitStatus(m, id, TaskStatus.RUNNING);
    await().atMost(Duration.ofSeconds(10)).until(() -> faulty.heldSweeps() == 1);
    for (int i = 0; i < 4; i++) {
      int before = faulty.heartbeats();
      clock.advance(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> faulty.heartbeats() > before);
    }
    assertThat(faulty.heldSweeps()).isEqualTo(1);
    assertThat(store.get(id).orElseThrow().lease().until())
        .isAfter(clock.instant().plus(Duration.ofSeconds(1)));
    faulty.holdSweeps(false);
    release.countDown();
    assertThat(awaitStatus(m, id, TaskStatus.COMPLETED).attempts().current()).isEqualTo(1);
  }

  @Test
  void aCompletionWaitingOnTheStoreKeepsItsLease() throws Exception {
    FaultyTaskStore faulty = new FaultyTaskStore(store);
    faulty.holdCompletions(true);
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> out.write(account(1))))
            .store(faulty).lease(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofSeconds(1)));
    TaskId id = m.submit(accounts("ann")).id();
    await().atMost(Duration.ofSeconds(10)).until(() -> faulty.heldCompletions() == 1);
    for (int i = 0; i < 4; i++) {
      int before = faulty.heartbeats();
      clock.advance(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> faulty.heartbeats() > before);
    }
    // four seconds on, past the 3 s lease: renewed while the completion waited, nothing recovered
    ((TaskEngine) m).housekeep();
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
    faulty.holdCompletions(false);
    assertThat(awaitStatus(m, id, TaskStatus.COMPLETED).attempts().current()).isEqualTo(1);
  }

  @Test
  void aWorkerWhoseHeartbeatsFailStopsItsHandlerBeforeTheLeaseEnds() throws Exception {
    FaultyTaskStore faulty = new FaultyTaskStore(store);
    CountDownLatch running = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          running.countDown();
          try {
            new CountDownLatch(1).await(20, TimeUnit.SECONDS); // CPU-free stand-in for long work
          } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
          }
        })).store(faulty).lease(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofSeconds(1)));
    TaskId id = m.submit(accounts("ann")).id();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    faulty.failHeartbeats(true);
    TaskEngine engine = (TaskEngine) m;
    // renewals fail at +1 s (the next try, at +2 s, still comes before the lease ends at +3 s)
    clock.advance(Duration.ofSeconds(1));
    engine.housekeep();
    assertThat(interrupted).hasValue(0);
    // at +2 s the next try would come at +3 s, when the lease is over: the handler is stopped now
    clock.advance(Duration.ofSeconds(1));
    engine.housekeep();
    await().until(() -> interrupted.get() == 1);
    assertThat(m.get(id, "ann").status()).isEqualTo(TaskStatus.RUNNING); // nothing written
  }

  @Test
  void completion_deletesWhatEarlierAttemptsLeft() throws Exception {
    TaskManager submitter = start(builder(export("accounts", (ctx, out) -> {})).workers(0));
    TaskId id = submitter.submit(accounts("ann")).id();
    // attempt 1 runs on a worker that dies: its lease runs out and the task is recovered
    store.claim("dead", java.util.Set.of("accounts"), Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
    clock.advance(Duration.ofSeconds(31));
    assertThat(store.recoverExpiredLeases(10)).extracting(Task::id).containsExactly(id);
    LocalFileStore files = new LocalFileStore(dir);
    files.create(id, "accounts.tsv", "text/tab-separated-values").commit(); // lost its lease
    var draft = files.create(id, "accounts.tsv", "text/tab-separated-values"); // worker killed
    draft.stream().write(1);
    draft.stream().flush();
    TaskManager worker = start(builder(export("accounts", (ctx, out) -> out.write(account(1)))));
    Task done = awaitStatus(worker, id, TaskStatus.COMPLETED);
    assertThat(done.attempts().current()).isEqualTo(2);
    try (var left = java.nio.file.Files.list(dir.resolve(id.value()))) {
      assertThat(left.map(p -> id.value() + "/" + p.getFileName()))
          .containsExactly(done.result().file().key());
    }
    try (var temp = java.nio.file.Files.list(dir.resolve(".tmp"))) {
      assertThat(temp.filter(p -> p.getFileName().toString().startsWith(id.value()))).isEmpty();
    }
    draft.close();
  }

  @Test
  void aSweepDeletesTheDraftsOfATaskWhoseCompletingWorkerDiedBeforeCleaningUp() throws Exception {
    TaskManager m = start(builder(export("accounts", (ctx, out) -> {})).workers(0));
    TaskId id = m.submit(accounts("ann")).id();
    Task claimed =
        store.claim("w2", java.util.Set.of("accounts"), Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
    LocalFileStore files = new LocalFileStore(dir);
    var draft = files.create(id, "accounts.tsv", "text/tab-separated-values"); // a killed attempt's
    draft.stream().write(1);
    draft.stream().flush();
    try (var temp = java.nio.file.Files.list(dir.resolve(".tmp"))) {
      for (Path p : temp.toList()) {
        java.nio.file.Files.setLastModifiedTime(
            p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 300_000));
      }
    }
    var result = files.create(id, "accounts.tsv", "text/tab-separated-values").commit();
    // the completing worker dies right after its completion commits, before it cleans up
    assertThat(store.complete(claimed.fence(), TaskResult.ofFile(result), Progress.NONE)).isTrue();
    ((TaskEngine) m).housekeep();
    try (var temp = java.nio.file.Files.list(dir.resolve(".tmp"))) {
      assertThat(temp.filter(p -> p.getFileName().toString().startsWith(id.value()))).isEmpty();
    }
    try (InputStream in = files.open(result)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
    draft.close();
  }

  @Test
  void retention_purgesFinishedTasksAndTheirFiles() {
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> out.write(account(1))))
            .retention(Duration.ofHours(1)));
    TaskId id = m.submit(accounts("ann")).id();
    awaitStatus(m, id, TaskStatus.COMPLETED);
    assertThat(dir.resolve(id.value())).isDirectory();
    clock.advance(Duration.ofHours(2));
    ((TaskEngine) m).housekeep();
    assertThatThrownBy(() -> m.get(id, "ann")).isInstanceOf(TaskNotFoundException.class);
    assertThat(dir.resolve(id.value())).doesNotExist();
  }

  @Test
  void recovery_runsTheTaskOfADeadWorkerAgain() {
    TaskManager m = start(builder(export("accounts", (ctx, out) -> out.write(account(1)))));
    m.close();
    TaskManager submitter = builder(export("accounts", (ctx, out) -> {})).workers(0).build();
    managers.add(submitter);
    TaskId id = submitter.submit(accounts("ann")).id();
    Task dead = store.claim("dead-worker", java.util.Set.of("accounts"), Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
    assertThat(dead.id()).isEqualTo(id);
    TaskManager alive = start(builder(export("accounts", (ctx, out) -> out.write(account(1)))));
    clock.advance(Duration.ofSeconds(31));
    ((TaskEngine) alive).housekeep();
    Task done = awaitStatus(alive, id, TaskStatus.COMPLETED);
    assertThat(done.attempts().current()).isEqualTo(2);
  }

  @Test
  void typeLimit_boundsTheTasksOfOneTypeRunningAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    TaskManager m =
        start(builder(export("accounts", (ctx, out) -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          gate.await(10, TimeUnit.SECONDS);
          running.decrementAndGet();
        })).workers(4).typeLimit("accounts", 2));
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(m.submit(accounts("ann").allowDuplicates()).id());
    }
    await().until(() -> running.get() == 2);
    assertThat(m.list(TaskQuery.of("ann").status(TaskStatus.RUNNING)).items()).hasSize(2);
    gate.countDown();
    for (TaskId id : ids) {
      awaitStatus(m, id, TaskStatus.COMPLETED);
    }
    assertThat(most).hasValue(2);
  }

  @Test
  void subscribe_sendsTheCurrentStateFirst() {
    TaskManager m = builder(export("accounts", (ctx, out) -> {})).workers(0).build();
    managers.add(m);
    TaskId id = m.submit(accounts("ann")).id();
    RecordingListener listener = new RecordingListener();
    m.subscribe(id, "ann", listener);
    await().until(() -> !listener.events().isEmpty());
    assertThat(listener.events().get(0).status()).isEqualTo(TaskStatus.PENDING);
    m.cancel(id, "ann");
    await().until(() -> listener.statuses().contains(TaskStatus.CANCELLED));
  }

  @Test
  void build_checksWhatIsMissing() {
    assertThatThrownBy(() -> TaskManager.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store is required");
    assertThatThrownBy(() -> TaskManager.builder().store(store).build())
        .hasMessage("files is required");
    assertThatThrownBy(() -> TaskManager.builder().workers(-1))
        .hasMessage("workers must be >= 0, was -1");
    assertThatThrownBy(
            () -> builder(export("accounts", (c, o) -> {})).export(export("accounts", (c, o) -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already registered");
    assertThatThrownBy(
            () -> builder().lease(Duration.ofSeconds(10)).heartbeatInterval(Duration.ofSeconds(6)).build())
        .hasMessageContaining("at most half the lease");
  }

  @Test
  void close_isIdempotentAndRefusesLaterSubmits() {
    TaskManager m = start(builder(export("accounts", (ctx, out) -> {})));
    m.close();
    m.close();
    assertThatThrownBy(() -> m.submit(accounts("ann"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(m::start).isInstanceOf(IllegalStateException.class);
  }
}
