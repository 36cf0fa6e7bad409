package io.taskport.spring.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;

/** The threads that write event streams and time their heartbeats, shared by all streams. */
final class SseThreads implements DisposableBean {
  final ExecutorService senders = Executors.newFixedThreadPool(4, r -> daemon(r, "sse-send"));
  final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sse-tick"));

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
}
