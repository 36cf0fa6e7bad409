package io.taskport.examples.web;

import io.taskport.TaskId;
import io.taskport.TaskManager;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/tasks/{id}/events}: a Server-Sent Events stream of one task, event name {@code
 * task}, data the same JSON as {@code GET /api/tasks/{id}}. The first event is the task as it is
 * now (so a client that reconnects, with or without {@code Last-Event-ID}, never misses the end),
 * then one per change; the stream ends after the terminal event. Every {@value #RECHECK_SECONDS}
 * seconds the task is read again, which also ends streams whose events were lost. Each user may
 * have {@value #MAX_STREAMS_PER_USER} streams open; another answers 429.
 */
@RestController
class TaskEvents implements ApplicationListener<ContextClosedEvent>, DisposableBean {
  static final int MAX_STREAMS_PER_USER = 20;
  static final long RECHECK_SECONDS = 10;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final TaskManager tasks;
  private final Set<SseChannel> open = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
  private final ExecutorService senders =
      Executors.newFixedThreadPool(4, r -> daemon(r, "sse-send"));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sse-recheck"));

  TaskEvents(TaskManager tasks) {
    this.tasks = tasks;
    ticker.scheduleWithFixedDelay(
        () -> open.forEach(SseChannel::recheck), RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
  }

  @GetMapping(path = "/api/tasks/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@PathVariable String id, Principal user) {
    TaskId taskId = TaskIds.parse(id);
    String owner = user.getName();
    tasks.get(taskId, owner); // 404 before anything else, like every other endpoint
    AtomicInteger count = perUser.computeIfAbsent(owner, k -> new AtomicInteger());
    if (count.incrementAndGet() > MAX_STREAMS_PER_USER) {
      count.decrementAndGet();
      throw new TooManyStreamsException();
    }
    SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    SseChannel channel =
        new SseChannel(
            tasks,
            taskId,
            owner,
            emitter,
            senders,
            c -> {
              if (open.remove(c)) {
                count.decrementAndGet();
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

  @Override
  public void destroy() {
    ticker.shutdownNow();
    senders.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** More streams than a user may have open. */
  static final class TooManyStreamsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyStreamsException() {
      super("too many streams", null, false, false);
    }
  }
}
