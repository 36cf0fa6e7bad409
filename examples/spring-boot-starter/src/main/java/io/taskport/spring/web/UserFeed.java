package io.taskport.spring.web;

import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskEvent;
import io.taskport.TaskManager;
import io.taskport.TaskNotFoundException;
import io.taskport.TaskQuery;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The events of one user's tasks, for all of that user's open user streams. Events are read,
 * numbered and kept in a short history, in order, on the shared sender pool: the Taskport events
 * thread only queues them. A new stream gets the history after its {@code Last-Event-ID} when that
 * id is still in it, else a snapshot of the user's newest tasks. When the queue overflows, the
 * queued events are dropped and every stream gets a new snapshot instead. Each stream writes
 * through its own {@link SseOutbox}, so a subscriber that does not read holds up no other stream,
 * and is closed with a {@code reconnect} event once it falls {@code maxPending} events behind.
 */
final class UserFeed {
  static final int HISTORY = 256;
  static final int SNAPSHOT_SIZE = 100;
  static final int MAX_QUEUED = 1_000;

  /** The snapshot event's data. */
  record Snapshot(List<TaskView> items) {}

  private record Numbered(long id, TaskView view) {}

  private record Start(SseEmitter emitter, @Nullable Long lastId) {}

  private static final Object PING = new Object();
  private static final Object RESYNC = new Object();
  private static final Object RECHECK = new Object();

  private final TaskManager tasks;
  private final String owner;
  private final String epoch;
  private final Executor senders;
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final int maxPending;
  private final Map<SseEmitter, Runnable> streams = new ConcurrentHashMap<>();
  private final Map<SseEmitter, SseOutbox> outboxes = new ConcurrentHashMap<>();
  private final Deque<Numbered> history = new ArrayDeque<>();
  private final Map<SseEmitter, Boolean> started = new ConcurrentHashMap<>();
  /** What the streams last heard of each of the user's newest tasks, by task id. */
  private Map<String, String> seen = new HashMap<>();

  private long sequence;
  private volatile long idleSince = System.nanoTime();

  UserFeed(TaskManager tasks, String owner, Executor senders, int maxPending) {
    this.tasks = tasks;
    this.maxPending = maxPending;
    this.owner = owner;
    this.epoch = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    this.senders = senders;
  }

  /** Opens a stream that resumes after {@code lastEventId}, if this feed issued it. */
  void open(SseEmitter emitter, @Nullable String lastEventId, Runnable onClose) {
    streams.put(emitter, onClose);
    outboxes.put(emitter, new SseOutbox(emitter, senders, maxPending, () -> close(emitter)));
    offer(new Start(emitter, lastId(lastEventId)));
  }

  private @Nullable Long lastId(@Nullable String header) {
    if (header == null || !header.startsWith(epoch + "-") || header.length() > 40) {
      return null;
    }
    try {
      return Long.parseLong(header.substring(epoch.length() + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Forgets a stream that ended; runs its close action once. */
  void close(SseEmitter emitter) {
    Runnable onClose = streams.remove(emitter);
    started.remove(emitter);
    SseOutbox outbox = outboxes.remove(emitter);
    if (outbox != null) {
      outbox.close();
    }
    if (streams.isEmpty()) {
      idleSince = System.nanoTime();
    }
    if (onClose != null) {
      onClose.run();
    }
  }

  boolean idleLongerThan(long nanos) {
    return streams.isEmpty() && System.nanoTime() - idleSince > nanos;
  }

  void event(TaskEvent e) {
    offer(e);
  }

  void ping() {
    offer(PING);
  }

  /**
   * Reads the user's newest tasks and sends those that changed unheard: stores that do not pass
   * events between nodes (JDBC) still reach a stream on a node other than the worker's.
   */
  void recheck() {
    if (!streams.isEmpty()) {
      offer(RECHECK);
    }
  }

  void completeAll() {
    outboxes.values().forEach(SseOutbox::complete);
  }

  private void offer(Object item) {
    if (item instanceof TaskEvent && queued.incrementAndGet() > MAX_QUEUED) {
      queue.removeIf(i -> i instanceof TaskEvent);
      queued.set(0);
      item = RESYNC;
    }
    queue.add(item);
    try {
      senders.execute(this::drain);
    } catch (RejectedExecutionException e) {
      streams.keySet().forEach(SseEmitter::complete);
    }
  }

  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      Object item;
      while ((item = queue.poll()) != null) {
        if (item instanceof TaskEvent e) {
          queued.decrementAndGet();
          publish(e);
        } else if (item instanceof Start s) {
          start(s);
        } else if (item == RECHECK) {
          compare();
        } else if (item == RESYNC) {
          streams.keySet().forEach(this::snapshot);
        } else {
          streams.keySet().forEach(s -> send(s, SseEmitter.event().comment("ping")));
        }
      }
    } finally {
      draining.set(false);
    }
    if (!queue.isEmpty()) {
      drain();
    }
  }

  private void publish(TaskEvent e) {
    TaskView view;
    try {
      Task task = tasks.get(e.taskId(), owner);
      view = task.isTerminal() ? TaskView.of(task) : TaskView.of(task, e.status().name(), e.progress());
    } catch (TaskNotFoundException gone) {
      return; // deleted meanwhile
    } catch (RuntimeException storeDown) {
      return; // the next event or a reconnect's snapshot brings the state
    }
    emit(view);
  }

  private void compare() {
    Page<Task> page;
    try {
      page = tasks.list(TaskQuery.of(owner).limit(SNAPSHOT_SIZE));
    } catch (RuntimeException e) {
      return; // the store is down; the next recheck tries again
    }
    Map<String, String> now = new HashMap<>();
    for (Task t : page.items()) {
      TaskView view = TaskView.of(t);
      String was = seen.get(view.id());
      now.put(view.id(), signature(view));
      if (!signature(view).equals(was)) {
        emit(view);
      }
    }
    seen = now;
  }

  private static String signature(TaskView v) {
    return v.status() + "/" + v.progress().done() + "/" + (v.result() != null);
  }

  private void emit(TaskView view) {
    seen.put(view.id(), signature(view));
    Numbered n = new Numbered(++sequence, view);
    history.addLast(n);
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
    for (SseEmitter s : streams.keySet()) {
      if (started.containsKey(s)) {
        send(s, task(n));
      }
    }
  }

  private void start(Start s) {
    if (!streams.containsKey(s.emitter())) {
      return;
    }
    Long last = s.lastId();
    Numbered oldest = history.peekFirst();
    boolean replay =
        last != null && last <= sequence && (oldest == null ? last == sequence : last >= oldest.id() - 1);
    if (replay) {
      for (Numbered n : history) {
        if (n.id() > last) {
          send(s.emitter(), task(n));
        }
      }
    } else {
      snapshot(s.emitter());
    }
    started.put(s.emitter(), Boolean.TRUE);
  }

  private void snapshot(SseEmitter emitter) {
    Page<Task> page;
    try {
      page = tasks.list(TaskQuery.of(owner).limit(SNAPSHOT_SIZE));
    } catch (RuntimeException e) {
      SseOutbox outbox = outboxes.get(emitter);
      if (outbox != null) {
        outbox.complete(); // the store is down: the client retries later
      }
      return;
    }
    List<TaskView> items = page.items().stream().map(TaskView::of).toList();
    items.forEach(v -> seen.put(v.id(), signature(v)));
    send(
        emitter,
        SseEmitter.event()
            .name("snapshot")
            .id(epoch + "-" + sequence)
            .data(new Snapshot(items), MediaType.APPLICATION_JSON));
  }

  private SseEmitter.SseEventBuilder task(Numbered n) {
    return SseEmitter.event()
        .name("task")
        .id(epoch + "-" + n.id())
        .data(n.view(), MediaType.APPLICATION_JSON);
  }

  private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    SseOutbox outbox = outboxes.get(emitter);
    if (outbox != null) {
      outbox.offer(event);
    }
  }
}
