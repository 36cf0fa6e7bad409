package io.taskport.spring.web;

import io.taskport.Subscription;
import io.taskport.TaskEvent;
import io.taskport.TaskManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET {base}/tasks/events}: one Server-Sent Events stream of all the user's tasks. It starts
 * with a {@code snapshot} event (data {@code {"items":[task...]}}, the user's newest tasks), then
 * sends a {@code task} event (data as {@code GET {base}/tasks/{id}}) for every change of any of
 * them. A client that reconnects with the {@code Last-Event-ID} it saw last gets the events it
 * missed when this node still has them, else a new snapshot. A comment line is sent every {@code
 * taskport.web.heartbeat} so proxies keep the connection open. Every 10 seconds the user's newest
 * tasks are read again, so that changes on other nodes arrive with stores that do not pass
 * events between nodes. These streams count toward {@code
 * taskport.web.max-streams-per-user} together with the streams of single tasks.
 */
@RestController
class UserEvents implements ApplicationListener<ContextClosedEvent>, DisposableBean {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(2);

  private final TaskManager tasks;
  private final StreamCount counts;
  private final SseThreads threads;
  private final Map<String, UserFeed> feeds = new ConcurrentHashMap<>();
  private final Subscription subscription;
  private final int maxPending;

  UserEvents(TaskManager tasks, StreamCount counts, SseThreads threads, TaskportWebProperties web) {
    this.tasks = tasks;
    this.counts = counts;
    this.threads = threads;
    this.maxPending = web.getMaxPendingEvents();
    this.subscription = tasks.subscribeAll(this::route);
    long beat = web.getHeartbeat().toMillis();
    threads.ticker.scheduleWithFixedDelay(this::tick, beat, beat, TimeUnit.MILLISECONDS);
    threads.ticker.scheduleWithFixedDelay(
        () -> feeds.values().forEach(UserFeed::recheck),
        TaskEvents.RECHECK_SECONDS,
        TaskEvents.RECHECK_SECONDS,
        TimeUnit.SECONDS);
  }

  @GetMapping(path = Paths.BASE + "/tasks/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
      Owner user) {
    String owner = user.name();
    counts.acquire(owner);
    SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            counts.release(owner);
          }
        };
    UserFeed feed =
        feeds.compute(
            owner,
            (o, f) -> {
              UserFeed live = f == null ? new UserFeed(tasks, o, threads.senders, maxPending) : f;
              live.open(emitter, lastEventId, release);
              return live;
            });
    emitter.onCompletion(() -> feed.close(emitter));
    emitter.onTimeout(emitter::complete);
    emitter.onError(e -> feed.close(emitter));
    return emitter;
  }

  private void route(TaskEvent e) {
    UserFeed feed = feeds.get(e.owner());
    if (feed != null) {
      feed.event(e);
    }
  }

  private void tick() {
    feeds.values().forEach(UserFeed::ping);
    for (String owner : feeds.keySet()) {
      feeds.computeIfPresent(owner, (o, f) -> f.idleLongerThan(IDLE_NANOS) ? null : f);
    }
  }

  /** Ends every stream when the application shuts down, so graceful shutdown is not held up. */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    feeds.values().forEach(UserFeed::completeAll);
  }

  @Override
  public void destroy() {
    subscription.close();
  }
}
