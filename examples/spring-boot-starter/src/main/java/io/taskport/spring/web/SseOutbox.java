package io.taskport.spring.web;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The events waiting to be written to one subscriber, at most {@code max} of them. A subscriber
 * that falls that far behind (it does not read, so writes to it block) is not given more memory:
 * its queue is dropped and the stream ends with a {@code reconnect} event, which tells the client
 * to open the stream again with the {@code Last-Event-ID} it saw last; the reconnect replays what
 * it missed, or sends a snapshot.
 */
final class SseOutbox {
  /** The data of the final event of a stream that fell behind. */
  record Reconnect(String reason, String detail) {}

  private final SseEmitter emitter;
  private final Executor senders;
  private final int max;
  private final Runnable onClose;
  private static final Object COMPLETE = new Object();

  private final Queue<SseEmitter.SseEventBuilder> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Null while the stream runs; then {@link #COMPLETE}, or the reconnect event to end with. */
  private final AtomicReference<Object> end = new AtomicReference<>();

  SseOutbox(SseEmitter emitter, Executor senders, int max, Runnable onClose) {
    this.emitter = emitter;
    this.senders = senders;
    this.max = max;
    this.onClose = onClose;
  }

  /** The final event of a stream whose subscriber fell {@code max} events behind. */
  static SseEmitter.SseEventBuilder reconnect(int max) {
    return SseEmitter.event()
        .name("reconnect")
        .reconnectTime(1000)
        .data(
            new Reconnect(
                "slow-consumer",
                "This stream fell " + max + " events behind and was closed: open it again with the"
                    + " Last-Event-ID you saw last to get what you missed."),
            MediaType.APPLICATION_JSON);
  }

  /** Queues an event; false if the stream is ending (fell behind, or closed). */
  boolean offer(SseEmitter.SseEventBuilder event) {
    if (end.get() != null) {
      return false;
    }
    if (pending.incrementAndGet() > max) {
      fellBehind();
      return false;
    }
    queue.add(event);
    schedule();
    return true;
  }

  /** Queues the end of the stream after the events already queued. */
  void complete() {
    if (end.compareAndSet(null, COMPLETE)) {
      schedule();
    }
  }

  /** Whether the stream is ending or ended. */
  boolean ending() {
    return end.get() != null;
  }

  /** The events waiting to be written. */
  int pending() {
    return Math.max(0, Math.min(pending.get(), queue.size()));
  }

  private void fellBehind() {
    if (end.compareAndSet(null, reconnect(max))) {
      queue.clear();
      pending.set(0);
      schedule();
    }
  }

  private void schedule() {
    try {
      senders.execute(this::drain);
    } catch (RejectedExecutionException e) {
      close();
      emitter.complete();
    }
  }

  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      SseEmitter.SseEventBuilder e;
      while (!closed.get() && (e = queue.poll()) != null) {
        pending.decrementAndGet();
        emitter.send(e);
      }
      Object last = end.get();
      if (last != null && !closed.get()) {
        if (last instanceof SseEmitter.SseEventBuilder reconnect) {
          emitter.send(reconnect);
        }
        close();
        emitter.complete();
      }
    } catch (IOException | IllegalStateException gone) {
      close(); // the client went away
      try {
        emitter.completeWithError(gone);
      } catch (IllegalStateException ended) {
        // the container had already ended the request for the same reason: nothing to complete
      }
    } finally {
      draining.set(false);
    }
    if (!queue.isEmpty() && !closed.get()) {
      drain();
    }
  }

  /** Marks the stream closed and runs the close action, once. */
  void close() {
    if (closed.compareAndSet(false, true)) {
      queue.clear();
      onClose.run();
    }
  }
}
