package io.taskport.internal;

import static io.taskport.internal.Closing.stage;
import static java.util.Objects.requireNonNull;

import io.taskport.ExportColumn;
import io.taskport.ExportRequest;
import io.taskport.ImportPreview;
import io.taskport.ImportRequest;
import io.taskport.Page;
import io.taskport.Submission;
import io.taskport.Subscription;
import io.taskport.Task;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskListener;
import io.taskport.TaskManager;
import io.taskport.TaskNotFoundException;
import io.taskport.TaskQuery;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.MessageKey;
import io.taskport.store.CancelOutcome;
import io.taskport.store.Fence;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TaskManager} behind {@link TaskManager#builder()}. */
public final class TaskEngine implements TaskManager {
  private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);

  private enum State {
    NEW,
    STARTED,
    CLOSING,
    CLOSED
  }

  private final Settings settings;
  private final ParamsBinder binder = new ParamsBinder();
  private final Events events;
  private final Endings endings;
  private final Runner runner;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Submissions submissions;
  private final Admin admin;
  private final Checks checks;
  private final Downloads downloads;
  // start() and close() hold this lock; the fields below are written only under it
  private final Object lifecycle = new Object();
  private volatile @Nullable ExecutorService ownExecutor;
  private volatile @Nullable Dispatcher dispatcher;
  private volatile @Nullable Thread poller;
  private volatile @Nullable ScheduledExecutorService housekeeping;
  private volatile @Nullable ExecutorService ends;
  private volatile @Nullable Subscription storeEvents;

  public TaskEngine(Settings settings) {
    this.settings = settings;
    this.events = new Events(settings.clock());
    this.endings = new Endings(settings, events);
    this.runner = new Runner(settings, endings);
    this.submissions = new Submissions(settings, binder);
    this.checks = new Checks(settings, binder);
    this.downloads = new Downloads(settings, submissions);
    this.admin = new Admin(settings, this, events, this::wakeDispatcher);
    log.info("Taskport manager built: {}", settings.describe());
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (!state.compareAndSet(State.NEW, State.STARTED)) {
        if (state.get() == State.STARTED) {
          return;
        }
        throw new IllegalStateException("the task manager is closed");
      }
      try {
        startThreads();
      } catch (RuntimeException | Error e) {
        close(); // what did start is stopped again
        throw e;
      }
      log.info("Taskport manager started as worker {}", settings.workerId());
    }
  }

  private void startThreads() {
    Optional<Subscription> fed = settings.store().subscribe(events::publish);
    if (fed.isPresent()) {
      storeEvents = fed.get();
      events.fedByStore();
    }
    NamedThreads keepers = new NamedThreads("taskport-housekeeper");
    ExecutorService endThread = Executors.newSingleThreadExecutor(keepers);
    ends = endThread;
    Map<Fence, Attempt> running = Map.of();
    if (settings.workers() > 0) {
      Executor executor = settings.executor();
      if (executor == null) {
        ExecutorService own =
            Executors.newFixedThreadPool(settings.workers(), new NamedThreads("taskport-worker"));
        ownExecutor = own;
        executor = own;
      }
      Dispatcher d = new Dispatcher(settings, runner, endings, executor, binder, events);
      dispatcher = d;
      running = d.running();
      Thread t = new NamedThreads("taskport-poller").newThread(d);
      poller = t;
      t.start();
    }
    Housekeeper keeper = new Housekeeper(settings, running, events, endings, endThread);
    long fastest =
        Math.min(settings.heartbeatInterval().toMillis(), settings.progressInterval().toMillis());
    long tick = Math.max(10, Math.min(fastest, 1000) / 4);
    // two threads: a fixed-delay loop never overlaps itself, so the heartbeat loop always has one
    ScheduledExecutorService loops = Executors.newScheduledThreadPool(2, keepers);
    housekeeping = loops;
    loops.scheduleWithFixedDelay(keeper.beats(), 0, tick, TimeUnit.MILLISECONDS);
    loops.scheduleWithFixedDelay(keeper.sweeps(), 0, tick, TimeUnit.MILLISECONDS);
  }

  @Override
  public Submission submit(ExportRequest request) {
    requireNonNull(request, "request");
    checkOpen();
    Submission s = submissions.export(request);
    afterSubmit(s);
    return s;
  }

  @Override
  public List<Submission> submitAll(List<ExportRequest> requests) {
    requireNonNull(requests, "requests");
    checkOpen();
    List<Submission> all = submissions.exportAll(requests);
    all.forEach(this::afterSubmit);
    return all;
  }

  @Override
  public List<ExportColumn> columns(
      String exportType, @Nullable Object params, @Nullable Locale locale) {
    return submissions.columns(
        requireNonNull(exportType, "exportType"),
        params,
        locale == null ? Locale.ENGLISH : locale);
  }

  @Override
  public Submission submit(ImportRequest request, InputStream upload) {
    requireNonNull(request, "request");
    requireNonNull(upload, "upload");
    checkOpen();
    Submission s = submissions.importing(request, upload);
    afterSubmit(s);
    return s;
  }

  @Override
  public Submission confirm(TaskId id, String owner) {
    checkOpen();
    Submission s = checks.confirm(get(id, owner));
    afterSubmit(s);
    return s;
  }

  @Override
  public Submission submit(ImportRequest request, TaskId check) {
    requireNonNull(request, "request");
    requireNonNull(check, "check");
    checkOpen();
    Submission s = checks.load(get(check, request.owner()), request);
    afterSubmit(s);
    return s;
  }

  @Override
  public ImportPreview preview(TaskId id, String owner) throws IOException {
    return checks.preview(get(id, owner));
  }

  private void afterSubmit(Submission s) {
    if (s.created()) {
      events.changed(s.task(), TaskStatus.PENDING, s.task().progress());
      Dispatcher d = dispatcher;
      if (d != null) {
        d.wake();
      }
    }
  }

  @Override
  public Task get(TaskId id, String owner) {
    requireNonNull(id, "id");
    requireNonNull(owner, "owner");
    return settings
        .store()
        .get(id)
        .filter(t -> t.owner().equals(owner))
        .orElseThrow(() -> new TaskNotFoundException(id));
  }

  @Override
  public Page<Task> list(TaskQuery query) {
    return settings.store().list(requireNonNull(query, "query"));
  }

  @Override
  public CancelOutcome cancel(TaskId id, String owner) {
    Task task = get(id, owner);
    CancelOutcome outcome = settings.store().requestCancel(id);
    if (outcome == CancelOutcome.CANCELLED) {
      events.changed(task, TaskStatus.CANCELLED, task.progress());
    } else if (outcome == CancelOutcome.REQUESTED && dispatcher != null) {
      for (Attempt local : requireNonNull(dispatcher).running().values()) {
        if (local.taskId().equals(id)) {
          local.requestCancel();
        }
      }
    }
    return outcome;
  }

  @Override
  public void delete(TaskId id, String owner) {
    Task task = get(id, owner);
    if (!task.isTerminal()) {
      throw new TaskStateException(
          id, task.status(), MessageKey.of("task.deleteActive", id, task.status()));
    }
    if (settings.store().delete(id)) {
      try {
        TaskFiles.deleteAll(settings, task);
      } catch (IOException e) {
        log.warn("task {} deleted, but deleting its files failed", id, e);
      }
    }
  }

  @Override
  public Subscription subscribe(TaskId id, String owner, TaskListener listener) {
    requireNonNull(listener, "listener");
    Task checked = get(id, owner);
    return events.subscribe(
        id,
        listener,
        () ->
            TaskEvent.of(
                settings.store().get(id).orElse(checked), settings.clock().instant()));
  }

  @Override
  public Subscription subscribeAll(TaskListener listener) {
    return events.subscribeAll(requireNonNull(listener, "listener"));
  }

  @Override
  public InputStream openResult(TaskId id, String owner) throws IOException {
    return downloads.open(get(id, owner), false);
  }

  @Override
  public InputStream openErrorReport(TaskId id, String owner) throws IOException {
    return downloads.open(get(id, owner), true);
  }

  @Override
  public void writeTemplate(
      String importType, String format, Locale locale, OutputStream out)
      throws IOException {
    downloads.writeTemplate(importType, format, locale, out);
  }

  /**
   * Closes in stages, each guarded so that a failure is logged and the next stage still runs: stop
   * claiming, wait for running tasks up to the drain timeout, hand back (and interrupt) what is
   * left, stop the housekeeper, shut down the executor this manager made, stop events.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      State s = state.get();
      if (s == State.CLOSING || s == State.CLOSED || !state.compareAndSet(s, State.CLOSING)) {
        return;
      }
      Dispatcher d = dispatcher;
      boolean drained = d == null;
      if (d != null) {
        stage("stop claiming", () -> stopClaiming(d));
        drained = stage("wait for running tasks", () -> d.awaitIdle(settings.drainTimeout()));
        if (!drained) {
          stage("hand back running tasks", () -> Closing.handBack(endings, d));
        }
      }
      stage("stop the housekeeper", this::stopHousekeeping);
      stage("shut down the worker threads", this::stopOwnExecutor);
      stage("stop events", this::stopEvents);
      state.set(State.CLOSED);
      log.info("Taskport manager {} closed", settings.workerId());
    }
  }

  private boolean stopClaiming(Dispatcher d) throws InterruptedException {
    d.stop();
    Thread t = poller;
    if (t != null) {
      t.join(settings.pollInterval().toMillis() * 2 + 1000);
    }
    d.seal(); // a claim still in flight hands its tasks back instead of starting them
    return true;
  }

  private boolean stopHousekeeping() throws InterruptedException {
    boolean stopped = true;
    for (ExecutorService e : Arrays.asList(housekeeping, ends)) {
      if (e != null) {
        e.shutdownNow();
        stopped &= e.awaitTermination(1, TimeUnit.SECONDS);
      }
    }
    return stopped;
  }

  private boolean stopOwnExecutor() throws InterruptedException {
    ExecutorService own = ownExecutor;
    if (own == null) {
      return true;
    }
    own.shutdownNow();
    if (!own.awaitTermination(1, TimeUnit.SECONDS)) {
      log.warn("a handler ignored its interrupt; its worker thread still runs after close()");
      return false;
    }
    return true;
  }

  private boolean stopEvents() {
    try {
      Subscription sub = storeEvents;
      if (sub != null) {
        sub.close();
      }
    } finally {
      events.close();
    }
    return true;
  }

  /** Runs one housekeeping pass now: heartbeats, timeouts, recovery and purge. For tests. */
  public void housekeep() {
    Dispatcher d = dispatcher;
    Housekeeper keeper =
        new Housekeeper(settings, d == null ? Map.of() : d.running(), events, endings, Runnable::run);
    keeper.beat();
    keeper.recover();
    keeper.deleteDraftsOfEndedTasks();
    keeper.purge();
  }

  @Override
  public io.taskport.TaskAdmin admin() {
    return admin;
  }

  private void wakeDispatcher() {
    Dispatcher d = dispatcher;
    if (d != null) {
      d.wake();
    }
  }

  private void checkOpen() {
    State s = state.get();
    if (s == State.CLOSING || s == State.CLOSED) {
      throw new IllegalStateException("the task manager is closed");
    }
  }
}
