package io.taskport.spring.web;

import io.taskport.Subscription;
import io.taskport.Task;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskNotFoundException;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One SSE stream of one task. Taskport calls the listener on its events thread, which must not
 * block, so events are queued and written, in order, by a shared sender pool.
 */
final class SseChannel {
  /** A queued "read the task again" request, from the recheck timer. */
  private static final Object RECHECK = new Object();

  private final TaskManager tasks;
  private final TaskId id;
  private final String owner;
  private final SseEmitter emitter;
  private final Executor senders;
  private final Consumer<SseChannel> onClose;
  private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong sequence = new AtomicLong();
  private volatile @Nullable Subscription subscription;

  SseChannel(
      TaskManager tasks,
      TaskId id,
      String owner,
      long lastEventId,
      SseEmitter emitter,
      Executor senders,
      Consumer<SseChannel> onClose) {
    this.tasks = tasks;
    this.id = id;
    this.owner = owner;
    this.sequence.set(lastEventId);
    this.emitter = emitter;
    this.senders = senders;
    this.onClose = onClose;
  }

  /** Subscribes; Taskport delivers the current state first, whatever the client saw before. */
  void start() {
    emitter.onCompletion(this::close);
    emitter.onTimeout(this::complete);
    emitter.onError(e -> close());
    subscription = tasks.subscribe(id, owner, this::offer);
  }

  void recheck() {
    offer(RECHECK);
  }

  private void offer(Object item) {
    if (closed.get()) {
      return;
    }
    queue.add(item);
    try {
      senders.execute(this::drain);
    } catch (RejectedExecutionException e) {
      close();
    }
  }

  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      Object item;
      while (!closed.get() && (item = queue.poll()) != null) {
        send(item);
      }
    } finally {
      draining.set(false);
    }
    if (!queue.isEmpty() && !closed.get()) {
      drain();
    }
  }

  private void send(Object item) {
    try {
      Task task = tasks.get(id, owner);
      TaskView view;
      if (item instanceof TaskEvent e && !task.isTerminal()) {
        view = TaskView.of(task, e.status().name(), e.progress());
      } else {
        view = TaskView.of(task);
      }
      if (item == RECHECK && !task.isTerminal()) {
        emitter.send(SseEmitter.event().comment("ping"));
        return;
      }
      emitter.send(
          SseEmitter.event()
              .name("task")
              .id(Long.toString(sequence.incrementAndGet()))
              .data(view, MediaType.APPLICATION_JSON));
      if (task.isTerminal() || isTerminal(item)) {
        complete();
      }
    } catch (TaskNotFoundException e) {
      complete(); // deleted meanwhile
    } catch (IOException | IllegalStateException e) {
      close(); // the client went away
    }
  }

  private static boolean isTerminal(Object item) {
    return item instanceof TaskEvent e && e.status().isTerminal();
  }

  void complete() {
    if (!closed.get()) {
      close();
      emitter.complete();
    }
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      Subscription s = subscription;
      if (s != null) {
        s.close();
      }
      onClose.accept(this);
    }
  }
}
