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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One SSE stream of one task. Taskport calls the listener on its events thread, which must not
 * block, so events are queued and written, in order, by a shared sender pool. At most {@code
 * maxPending} wait: a client that falls further behind (it does not read) is unsubscribed, and its
 * stream ends with a {@code reconnect} event ({@link SseOutbox#reconnect}); reconnecting with
 * {@code Last-Event-ID} starts again from the task's current state.
 */
final class SseChannel {
  /** A queued "read the task again" request, from the recheck timer. */
  private static final Object RECHECK = new Object();
  /** The last item of a stream that fell behind. */
  private static final Object RECONNECT = new Object();

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
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean fellBehind = new AtomicBoolean();
  private final int maxPending;
  private volatile @Nullable Subscription subscription;

  SseChannel(
      TaskManager tasks,
      TaskId id,
      String owner,
      long lastEventId,
      SseEmitter emitter,
      Executor senders,
      int maxPending,
      Consumer<SseChannel> onClose) {
    this.maxPending = maxPending;
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
    if (closed.get() || fellBehind.get()) {
      return;
    }
    if (pending.incrementAndGet() > maxPending) {
      if (fellBehind.compareAndSet(false, true)) {
        unsubscribe();
        queue.clear();
        queue.add(RECONNECT);
        schedule();
      }
      return;
    }
    queue.add(item);
    schedule();
  }

  /** Items waiting to be written. */
  int pending() {
    return queue.size();
  }

  private void schedule() {
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
        pending.decrementAndGet();
        if (item == RECONNECT) {
          endBehind();
        } else {
          send(item);
        }
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

  private void endBehind() {
    try {
      emitter.send(SseOutbox.reconnect(maxPending));
      complete();
    } catch (IOException | IllegalStateException e) {
      close();
    }
  }

  private void unsubscribe() {
    Subscription s = subscription;
    if (s != null) {
      s.close();
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
      unsubscribe();
      queue.clear();
      onClose.accept(this);
    }
  }
}
