package io.taskport.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes daemon threads named {@code prefix-N}. What ends one of them is logged, never only printed
 * to stderr.
 */
final class NamedThreads implements ThreadFactory {
  private static final Logger log = LoggerFactory.getLogger(NamedThreads.class);

  private final String prefix;
  private final AtomicInteger next = new AtomicInteger(1);

  NamedThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + "-" + next.getAndIncrement());
    t.setDaemon(true);
    t.setUncaughtExceptionHandler(
        (thread, e) -> log.error("thread {} ended by an uncaught exception", thread.getName(), e));
    return t;
  }
}
