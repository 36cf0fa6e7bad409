package io.taskport;

import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.handler.ExportHandler;
import io.taskport.internal.TaskEngine;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.ManualClock;
import io.taskport.testkit.StoreFaults.Call;
import io.taskport.testkit.StoreFaults.Fault;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine keeps its promises when the store itself fails, throws an Error, or hangs. */
class StoreFailureTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration BEAT = Duration.ofSeconds(10);
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final InMemoryTaskStore memory = new InMemoryTaskStore(clock);
  private final FaultyTaskStore store = new FaultyTaskStore(memory);
  private final List<TaskManager> managers = new ArrayList<>();
  private final List<Thread> handlerThreads = new CopyOnWriteArrayList<>();
  private final AtomicInteger interrupted = new AtomicInteger();
  private final CountDownLatch running = new CountDownLatch(1);

  @AfterEach
  void close() {
    store.faults().releaseHangs();
    for (Call c : Call.values()) {
      store.faults().clear(c);
    }
    managers.forEach(TaskManager::close);
  }

  @Test
  void aTimeoutWhoseWriteFailsStopsTheHandlerAndLetsTheLeaseExpire() {
    TaskManager m = start(builder(waitingHandler()).taskTimeout(Duration.ofSeconds(5)));
    TaskId id = m.submit(accounts()).id();
    awaitRunning();
    store.faults().always(Call.FAIL, Fault.EXCEPTION);
    clock.advance(Duration.ofSeconds(6)); // past the timeout, well within the lease
    await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.get() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> store.faults().hits(Call.FAIL) == 5);
    assertThat(status(id)).isEqualTo(TaskStatus.RUNNING);
    store.faults().clear(Call.FAIL);
    // heartbeats go on, but no longer for the attempt that was meant to end: its lease expires.
    // One renewal may still land while the last failed write returns, so allow up to two beats
    // more than the lease; renewals that went on would keep it RUNNING for three leases.
    for (int beat = 0; beat < 6 && status(id) == TaskStatus.RUNNING; beat++) {
      housekeepInBeats(m, 1);
    }
    Task recovered = memory.get(id).orElseThrow();
    assertThat(recovered.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(recovered.error().code()).isEqualTo(TaskError.LEASE_LOST);
  }

  @Test
  void aStoreFailureDuringCloseStillHandsBackStopsAndShutsDownEverything() throws Exception {
    TaskManager m = start(builder(waitingHandler()).workers(2).drainTimeout(Duration.ofMillis(50)));
    TaskId first = m.submit(accounts("EU")).id();
    TaskId second = m.submit(accounts("US")).id();
    await().atMost(Duration.ofSeconds(10)).until(() -> handlerThreads.size() == 2);
    store.faults().cue(Call.RELEASE, Fault.EXCEPTION, Integer.MAX_VALUE);
    m.close();
    m.close(); // twice is harmless
    assertThat(interrupted).hasValue(2);
    for (Thread t : handlerThreads) {
      t.join(2000);
      assertThat(t.isAlive()).as("worker thread %s after close()", t.getName()).isFalse();
    }
    // five tries for the first; the store is down, so one for the second
    assertThat(store.faults().hits(Call.RELEASE)).isEqualTo(6);
    for (TaskId id : List.of(first, second)) {
      assertThat(memory.get(id).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
    }
    clock.advance(LEASE.plusSeconds(1));
    assertThat(memory.recoverExpiredLeases(10)).hasSize(2);
  }

  @Test
  void anErrorInAHeartbeatDoesNotEndTheHeartbeats() {
    CountDownLatch finish = new CountDownLatch(1);
    TaskManager m =
        start(
            builder(
                export(
                    "accounts",
                    (ctx, out) -> {
                      running.countDown();
                      finish.await(20, TimeUnit.SECONDS);
                    })));
    TaskId id = m.submit(accounts()).id();
    awaitRunning();
    store.faults().cue(Call.HEARTBEAT, Fault.ERROR, 1);
    advanceInBeats(1);
    assertThat(store.faults().hits(Call.HEARTBEAT)).isEqualTo(1);
    advanceInBeats(3); // each renewal after the Error lands
    assertThat(memory.get(id).orElseThrow().lease().until()).isAfter(clock.instant());
    finish.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(id) == TaskStatus.COMPLETED);
    assertThat(memory.get(id).orElseThrow().attempts().current()).isEqualTo(1);
  }

  @Test
  void aHungHeartbeatStillStopsTheHandlerBeforeItsLeaseEnds() {
    TaskManager m = start(builder(waitingHandler()));
    TaskId id = m.submit(accounts()).id();
    awaitRunning();
    store.faults().always(Call.HEARTBEAT, Fault.HANG);
    clock.advance(BEAT);
    await().atMost(Duration.ofSeconds(10)).until(() -> store.faults().hits(Call.HEARTBEAT) == 1);
    assertThat(interrupted).hasValue(0);
    clock.advance(BEAT); // the next renewal could come only as the lease ends
    await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.get() == 1);
    assertThat(memory.get(id).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
  }

  @Test
  void aFailureWhileRecordingAHandlersFailureStaysInTheEngine() throws Exception {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Executor threads =
        r -> {
          Thread t = new Thread(r, "handler");
          t.setUncaughtExceptionHandler((th, e) -> uncaught.add(e));
          handlerThreads.add(t);
          t.start();
        };
    TaskManager m =
        start(
            builder(export("accounts", (ctx, out) -> {
                  throw new IllegalStateException("the handler broke");
                }))
                .executor(threads)
                .maxAttempts(1));
    store.faults().always(Call.FAIL, Fault.EXCEPTION);
    TaskId id = m.submit(accounts()).id();
    await().atMost(Duration.ofSeconds(10)).until(() -> store.faults().hits(Call.FAIL) == 5);
    handlerThreads.get(0).join(10_000);
    assertThat(handlerThreads.get(0).isAlive()).isFalse();
    assertThat(uncaught).isEmpty();
    store.faults().clear(Call.FAIL);
    housekeepInBeats(m, 4); // the attempt is no longer renewed: its lease expires
    Task recovered = memory.get(id).orElseThrow();
    assertThat(recovered.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(recovered.error().code()).isEqualTo(TaskError.LEASE_LOST);
  }

  @Test
  void aClaimStillInFlightWhenCloseReturnsHandsItsTasksBack() {
    AtomicInteger ran = new AtomicInteger();
    store.faults().cue(Call.CLAIM, Fault.HOLD, 1); // the poller's first claim waits on the store
    TaskManager m =
        start(
            builder(export("accounts", (ctx, out) -> ran.incrementAndGet()))
                .executor(r -> new Thread(r, "caller-thread").start()));
    await().atMost(Duration.ofSeconds(10)).until(() -> store.faults().hits(Call.CLAIM) == 1);
    TaskId id = m.submit(accounts()).id();
    m.close(); // gives up waiting for the poller, whose claim is still in flight
    store.faults().releaseHangs(); // the claim now takes the task, after close() returned
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                store.batches().size() == 1 // first the late claim, then its hand-back
                    && status(id) == TaskStatus.PENDING
                    && memory.get(id).orElseThrow().attempts().current() == 0);
    assertThat(store.batches().get(0)[1]).as("tasks the late claim took").isEqualTo(1);
    assertThat(ran).hasValue(0);
  }

  private ExportHandler<?, ?> waitingHandler() {
    return export(
        "accounts",
        (ctx, out) -> {
          handlerThreads.add(Thread.currentThread());
          running.countDown();
          try {
            new CountDownLatch(1).await(30, TimeUnit.SECONDS); // CPU-free stand-in for long work
          } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
          }
        });
  }

  /** Moves the clock a heartbeat at a time, waiting each time for the heartbeat loop to pass. */
  private void advanceInBeats(int beats) {
    for (int i = 0; i < beats; i++) {
      int before = store.heartbeats();
      clock.advance(BEAT);
      await().atMost(Duration.ofSeconds(10)).until(() -> store.heartbeats() > before);
    }
  }

  /** Moves the clock a heartbeat at a time, running a housekeeping pass each time. */
  private void housekeepInBeats(TaskManager m, int beats) {
    for (int i = 0; i < beats; i++) {
      clock.advance(BEAT);
      ((TaskEngine) m).housekeep();
    }
  }

  private void awaitRunning() {
    await().atMost(Duration.ofSeconds(10)).until(() -> running.getCount() == 0);
  }

  private TaskManagerBuilder builder(ExportHandler<?, ?> handler) {
    return TaskManager.builder()
        .store(store)
        .files(new LocalFileStore(dir))
        .clock(clock)
        .format(new TsvFormat())
        .lease(LEASE)
        .heartbeatInterval(BEAT)
        .pollInterval(Duration.ofMillis(20))
        .export(handler);
  }

  private TaskManager start(TaskManagerBuilder b) {
    TaskManager m = b.build();
    managers.add(m);
    m.start();
    return m;
  }

  private static ExportRequest accounts() {
    return accounts("EU");
  }

  private static ExportRequest accounts(String region) {
    return ExportRequest.of("accounts", "ann").format("tsv").params(Map.of("region", region));
  }

  private TaskStatus status(TaskId id) {
    return memory.get(id).orElseThrow().status();
  }
}
