package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Logs a store outage once, not once per request: the first failed request logs a WARN, the
 * following ones only count, and the first request that succeeds afterwards logs how many failed
 * and for how long. Requests that fail while an outage lasts over a minute add one WARN a minute.
 */
final class Outages implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(Outages.class);
  private static final long REMIND_NANOS = Duration.ofMinutes(1).toNanos();

  private record Outage(long since, AtomicLong failed, AtomicLong remindedAt) {}

  private final AtomicReference<@Nullable Outage> current = new AtomicReference<>();

  /** Counts a request that failed because the store is down. */
  void failed(Throwable cause) {
    long now = System.nanoTime();
    Outage o = current.get();
    if (o == null) {
      Outage fresh = new Outage(now, new AtomicLong(1), new AtomicLong(now));
      if (current.compareAndSet(null, fresh)) {
        log.warn("Taskport's store is unavailable; requests are answered 503 until it is back: {}", cause.toString());
        return;
      }
      o = current.get();
      if (o == null) {
        return;
      }
    }
    long n = o.failed().incrementAndGet();
    long last = o.remindedAt().get();
    if (now - last > REMIND_NANOS && o.remindedAt().compareAndSet(last, now)) {
      log.warn(
          "Taskport's store is still unavailable after {}: {} requests answered 503",
          Duration.ofNanos(now - o.since()).withNanos(0),
          n);
    }
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
    if (response.getStatus() < 500 && current.get() != null) {
      Outage o = current.getAndSet(null);
      if (o != null) {
        log.info(
            "Taskport's store is available again after {}; {} requests were answered 503",
            Duration.ofNanos(System.nanoTime() - o.since()).withNanos(0),
            o.failed().get());
      }
    }
  }
}
