package io.taskport.testkit;

import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.StoreException;
import io.taskport.Submission;
import io.taskport.Subscription;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskListener;
import io.taskport.TaskQuery;
import io.taskport.TaskResult;
import io.taskport.store.ClaimRules;
import io.taskport.store.CancelOutcome;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A store that delegates to another and fails chosen operations on demand, for fault tests: a
 * node whose heartbeats stop reaching the store, whose claims fail, or whose sweeps hang.
 */
public final class FaultyTaskStore implements TaskStore {
  private final TaskStore delegate;
  private final StoreFaults faults = new StoreFaults();
  private volatile boolean failHeartbeats;
  private volatile boolean failClaims;
  private final AtomicInteger heartbeats = new AtomicInteger();
  private final AtomicInteger waits = new AtomicInteger();
  private final List<int[]> batches = new CopyOnWriteArrayList<>();
  private final Semaphore created = new Semaphore(0);
  private volatile boolean waitsForWork;
  private volatile @Nullable CountDownLatch sweepGate;
  private final AtomicInteger heldSweeps = new AtomicInteger();
  private volatile @Nullable CountDownLatch completionGate;
  private final AtomicInteger heldCompletions = new AtomicInteger();

  public FaultyTaskStore(TaskStore delegate) {
    this.delegate = delegate;
  }

  /** Faults on cue for any store method the engine calls. */
  public StoreFaults faults() {
    return faults;
  }

  public void failHeartbeats(boolean fail) {
    failHeartbeats = fail;
  }

  public void failClaims(boolean fail) {
    failClaims = fail;
  }

  /**
   * While held, {@link #recoverExpiredLeases} blocks, as a sweep does that waits for a pooled
   * connection; releasing lets the held ones go on.
   */
  public void holdSweeps(boolean hold) {
    CountDownLatch gate = sweepGate;
    if (hold && gate == null) {
      sweepGate = new CountDownLatch(1);
    } else if (!hold && gate != null) {
      sweepGate = null;
      gate.countDown();
    }
  }

  /** While held, completions block, as one does that waits for a pooled connection. */
  public void holdCompletions(boolean hold) {
    CountDownLatch gate = completionGate;
    if (hold && gate == null) {
      completionGate = new CountDownLatch(1);
    } else if (!hold && gate != null) {
      completionGate = null;
      gate.countDown();
    }
  }

  /** Returns how many completions were held. */
  public int heldCompletions() {
    return heldCompletions.get();
  }

  private void awaitGate(@Nullable CountDownLatch gate, AtomicInteger held) {
    if (gate == null) {
      return;
    }
    held.incrementAndGet();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while held", e);
    }
  }

  /** Returns how many sweeps were held. */
  public int heldSweeps() {
    return heldSweeps.get();
  }

  /** Returns how many heartbeats were attempted. */
  public int heartbeats() {
    return heartbeats.get();
  }

  @Override
  public Submission create(NewTask task) {
    faults.before(StoreFaults.Call.CREATE);
    Submission s = delegate.create(task);
    created.release();
    return s;
  }

  @Override
  public Optional<Task> get(TaskId id) {
    faults.before(StoreFaults.Call.GET);
    return delegate.get(id);
  }

  @Override
  public Page<Task> list(TaskQuery query) {
    return delegate.list(query);
  }

  @Override
  public List<Task> claim(String workerId, Set<String> types, Duration lease, int max) {
    faults.before(StoreFaults.Call.CLAIM);
    if (failClaims) {
      throw new StoreException("injected claim failure");
    }
    List<Task> claimed = delegate.claim(workerId, types, lease, max);
    batches.add(new int[] {max, claimed.size()});
    return claimed;
  }

  @Override
  public List<Task> claim(
      String workerId, Set<String> types, Duration lease, int max, ClaimRules rules) {
    faults.before(StoreFaults.Call.CLAIM);
    if (failClaims) {
      throw new StoreException("injected claim failure");
    }
    List<Task> claimed = delegate.claim(workerId, types, lease, max, rules);
    batches.add(new int[] {max, claimed.size()});
    return claimed;
  }

  @Override
  public boolean enforcesScheduling() {
    return delegate.enforcesScheduling();
  }

  /**
   * Makes {@link #awaitWork} wait until a task is created here (or its bound passes), as a store
   * with a blocking pop would; by default it cannot wait.
   */
  public void waitsForWork(boolean waits) {
    waitsForWork = waits;
  }

  /** Returns how many times a worker waited on this store for work. */
  public int waits() {
    return waits.get();
  }

  /** Returns each batch claim as (max asked, tasks claimed), in order. */
  public List<int[]> batches() {
    return List.copyOf(batches);
  }

  @Override
  public boolean awaitWork(Set<String> types, Duration maxWait) throws InterruptedException {
    if (!waitsForWork) {
      return delegate.awaitWork(types, maxWait);
    }
    waits.incrementAndGet();
    if (created.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
      created.drainPermits();
    }
    return true;
  }

  @Override
  public Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, Duration lease) {
    heartbeats.incrementAndGet();
    faults.before(StoreFaults.Call.HEARTBEAT);
    if (failHeartbeats) {
      throw new StoreException("injected heartbeat failure");
    }
    return delegate.heartbeat(fence, progress, checkpoint, lease);
  }

  @Override
  public boolean complete(Fence fence, TaskResult result, Progress progress) {
    faults.before(StoreFaults.Call.COMPLETE);
    awaitGate(completionGate, heldCompletions);
    return delegate.complete(fence, result, progress);
  }

  @Override
  public boolean fail(Fence fence, TaskError error, @Nullable Duration retryAfter) {
    faults.before(StoreFaults.Call.FAIL);
    return delegate.fail(fence, error, retryAfter);
  }

  @Override
  public boolean cancelled(Fence fence) {
    faults.before(StoreFaults.Call.CANCELLED);
    return delegate.cancelled(fence);
  }

  @Override
  public boolean release(Fence fence) {
    faults.before(StoreFaults.Call.RELEASE);
    return delegate.release(fence);
  }

  @Override
  public CancelOutcome requestCancel(TaskId id) {
    return delegate.requestCancel(id);
  }

  @Override
  public boolean delete(TaskId id) {
    return delegate.delete(id);
  }

  @Override
  public List<Task> recoverExpiredLeases(int limit) {
    faults.before(StoreFaults.Call.RECOVER);
    awaitGate(sweepGate, heldSweeps);
    return delegate.recoverExpiredLeases(limit);
  }

  @Override
  public List<Task> purgeExpired(int limit) {
    faults.before(StoreFaults.Call.PURGE);
    return delegate.purgeExpired(limit);
  }

  @Override
  public Page<Task> listAll(io.taskport.AdminQuery query) {
    return delegate.listAll(query);
  }

  // counts() is left to the SPI's default, which pages through listAll: TaskStoreDefaultsTest

  @Override
  public boolean retry(TaskId id, int attempts) {
    return delegate.retry(id, attempts);
  }

  @Override
  public Optional<Task> confirm(TaskId check, NewTask load) {
    return delegate.confirm(check, load);
  }

  @Override
  public Optional<Subscription> subscribe(TaskListener listener) {
    return delegate.subscribe(listener);
  }
}
