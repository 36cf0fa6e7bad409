package io.taskport.spring.web;

import io.taskport.TaskId;
import io.taskport.TaskManager;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/tasks/{id}/events}: a Server-Sent Events stream of one task, event name {@code
 * task}, data the same JSON as {@code GET /api/tasks/{id}}. The first event is the task as it is
 * now, then one per change; the stream ends after the terminal event. Event ids count up; a client
 * that reconnects with {@code Last-Event-ID} gets ids after it, and again the current state first:
 * the server keeps no history of events, so the snapshot is what stands in for the ones missed, and
 * a terminal state is always seen. Every {@value #RECHECK_SECONDS} seconds the task is read again,
 * which also ends streams whose events were lost. Each user may have {@code
 * taskport.web.max-streams-per-user} streams open (default 20); another
 * answers 429. A client that falls {@code taskport.web.max-pending-events} events behind gets a
 * final {@code reconnect} event and the stream ends.
 */
@RestController
class TaskEvents implements ApplicationListener<ContextClosedEvent> {
  static final long RECHECK_SECONDS = 10;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final TaskManager tasks;
  private final StreamCount counts;
  private final SseThreads threads;
  private final Set<SseChannel> open = ConcurrentHashMap.newKeySet();
  private final int maxPending;

  TaskEvents(TaskManager tasks, StreamCount counts, SseThreads threads, TaskportWebProperties web) {
    this.tasks = tasks;
    this.maxPending = web.getMaxPendingEvents();
    this.counts = counts;
    this.threads = threads;
    threads.ticker.scheduleWithFixedDelay(
        () -> open.forEach(SseChannel::recheck), RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
  }

  @GetMapping(path = Paths.BASE + "/tasks/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      @PathVariable String id,
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
      Owner user) {
    TaskId taskId = TaskIds.parse(id);
    String owner = user.name();
    tasks.get(taskId, owner); // 404 before anything else, like every other endpoint
    counts.acquire(owner);
    SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    SseChannel channel =
        new SseChannel(
            tasks,
            taskId,
            owner,
            lastId(lastEventId),
            emitter,
            threads.senders,
            maxPending,
            c -> {
              if (open.remove(c)) {
                counts.release(owner);
              }
            });
    open.add(channel);
    try {
      channel.start();
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
    return emitter;
  }

  /** Ends every stream when the application shuts down, so graceful shutdown is not held up. */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    open.forEach(SseChannel::complete);
  }

  /** The id a reconnecting client saw last; ids it did not get from us count as none. */
  private static long lastId(@Nullable String header) {
    if (header == null || header.isEmpty() || header.length() > 18) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** More streams than a user may have open. */
  static final class TooManyStreamsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int limit;

    TooManyStreamsException(int limit) {
      super("too many streams", null, false, false);
      this.limit = limit;
    }

    int limit() {
      return limit;
    }
  }
}
