package io.taskport.internal;

import static java.util.Objects.requireNonNull;

import io.taskport.ExportRequest;
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
import io.taskport.TaskResult;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.file.FileRef;
import io.taskport.handler.ImportHandler;
import io.taskport.store.CancelOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
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
  private final Runner runner;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Submissions submissions;
  private final Admin admin;
  private @Nullable ExecutorService ownExecutor;
  private @Nullable Dispatcher dispatcher;
  private @Nullable Thread poller;
  private @Nullable ScheduledExecutorService housekeeping;
  private @Nullable Subscription storeEvents;

  public TaskEngine(Settings settings) {
    this.settings = settings;
    this.events = new Events(settings.clock());
    this.runner = new Runner(settings, events);
    this.submissions = new Submissions(settings, binder);
    this.admin = new Admin(settings, this, events, this::wakeDispatcher);
    log.info("Taskport manager built: {}", settings.describe());
  }

  @Override
  public void start() {
    if (!state.compareAndSet(State.NEW, State.STARTED)) {
      if (state.get() == State.STARTED) {
        return;
      }
      throw new IllegalStateException("the task manager is closed");
    }
    Optional<Subscription> fed = settings.store().subscribe(events::publish);
    if (fed.isPresent()) {
      storeEvents = fed.get();
      events.fedByStore();
    }
    Housekeeper keeper;
    if (settings.workers() > 0) {
      java.util.concurrent.Executor executor = settings.executor();
      if (executor == null) {
        ownExecutor =
            Executors.newFixedThreadPool(settings.workers(), new NamedThreads("taskport-worker"));
        executor = ownExecutor;
      }
      dispatcher = new Dispatcher(settings, runner, executor, binder, events);
      keeper = new Housekeeper(settings, dispatcher.running(), events);
      poller = new NamedThreads("taskport-poller").newThread(dispatcher);
      poller.start();
    } else {
      keeper = new Housekeeper(settings, java.util.Map.of(), events);
    }
    long tick = Math.max(10, Math.min(settings.heartbeatInterval().toMillis(), 1000) / 4);
    // two threads: a fixed-delay loop never overlaps itself, so the heartbeat loop always has one
    housekeeping = Executors.newScheduledThreadPool(2, new NamedThreads("taskport-housekeeper"));
    housekeeping.scheduleWithFixedDelay(keeper.beats(), 0, tick, TimeUnit.MILLISECONDS);
    housekeeping.scheduleWithFixedDelay(keeper.sweeps(), 0, tick, TimeUnit.MILLISECONDS);
    log.info("Taskport manager started as worker {}", settings.workerId());
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
  public Submission submit(ImportRequest request, InputStream upload) {
    requireNonNull(request, "request");
    requireNonNull(upload, "upload");
    checkOpen();
    Submission s = submissions.importing(request, upload);
    afterSubmit(s);
    return s;
  }

  private void afterSubmit(Submission s) {
    if (s.created()) {
      events.changed(s.task(), TaskStatus.PENDING, s.task().progress());
      if (dispatcher != null) {
        dispatcher.wake();
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
      for (Attempt local : dispatcher.running().values()) {
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
          id, task.status(), "task " + id + " is " + task.status() + "; cancel it first");
    }
    if (settings.store().delete(id)) {
      try {
        settings.files().deleteAll(id);
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
    return settings.files().open(resultFile(id, owner, false));
  }

  @Override
  public InputStream openErrorReport(TaskId id, String owner) throws IOException {
    return settings.files().open(resultFile(id, owner, true));
  }

  private FileRef resultFile(TaskId id, String owner, boolean errors) {
    Task task = get(id, owner);
    if (task.status() != TaskStatus.COMPLETED) {
      throw new TaskStateException(
          id, task.status(), "task " + id + " is " + task.status() + ", not COMPLETED");
    }
    TaskResult r = requireNonNull(task.result(), "result");
    FileRef ref = errors ? r.errorReport() : r.file();
    if (ref == null) {
      String what =
          errors ? "has no error report: no row was rejected" : "has no result file; it is an import";
      throw new TaskStateException(id, task.status(), "task " + id + " " + what);
    }
    return ref;
  }

  @Override
  public void writeTemplate(String importType, String format, OutputStream out)
      throws IOException {
    ImportHandler<?, ?> handler = settings.imports().get(requireNonNull(importType, "importType"));
    if (handler == null) {
      throw new ValidationException(
          "type",
          "unknown import type '" + importType + "'; known: " + settings.imports().keySet());
    }
    Templates.write(handler.mapping(), submissions.format(format), settings.formatOptions(), out);
  }

  @Override
  public void close() {
    State s = state.get();
    if (s == State.CLOSING || s == State.CLOSED || !state.compareAndSet(s, State.CLOSING)) {
      return;
    }
    try {
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (housekeeping != null) {
        housekeeping.shutdownNow();
      }
      if (storeEvents != null) {
        storeEvents.close();
      }
      events.close();
      state.set(State.CLOSED);
      log.info("Taskport manager {} closed", settings.workerId());
    }
  }

  /** Stops claiming, waits for running tasks, then hands back those still running. */
  private void drain() throws InterruptedException {
    if (dispatcher == null) {
      return;
    }
    dispatcher.stop();
    if (poller != null) {
      poller.join(settings.pollInterval().toMillis() * 2 + 1000);
    }
    if (!dispatcher.awaitIdle(settings.drainTimeout())) {
      for (Attempt a : dispatcher.running().values()) {
        if (a.settle() && settings.store().release(a.fence)) {
          log.info("task {} handed back on shutdown", a.taskId());
          events.changed(a.task, TaskStatus.PENDING, a.currentProgress());
        }
        a.interrupt();
      }
      dispatcher.awaitIdle(java.time.Duration.ofSeconds(1));
    }
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  /** Runs one housekeeping pass now: heartbeats, timeouts, recovery and purge. For tests. */
  public void housekeep() {
    Housekeeper keeper =
        new Housekeeper(
            settings, dispatcher == null ? java.util.Map.of() : dispatcher.running(), events);
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
