package io.taskport.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stages of {@link TaskEngine#close()} that need none of the engine's fields. */
final class Closing {
  private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);

  private Closing() {}

  @FunctionalInterface
  interface Stage {
    boolean run() throws InterruptedException;
  }

  /** Runs one stage of close(); returns its answer, or false when it failed. */
  static boolean stage(String name, Stage stage) {
    try {
      return stage.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // later stages still run, without waiting
      log.info("closing was interrupted during: {}", name);
    } catch (Throwable e) {
      log.warn("closing: {} failed; going on with the next stage", name, e);
    }
    return false;
  }

  /**
   * Hands back, uncounted, every attempt still running, and interrupts its handler; an attempt
   * whose end is being written already is left to that.
   */
  static boolean handBack(Endings endings, Dispatcher d) throws InterruptedException {
    int tries = Endings.TRIES;
    for (Attempt a : d.running().values()) {
      try {
        if (!endings.settle(a)) {
          continue; // its end is being written already
        }
        Endings.Outcome o = endings.release(a, tries);
        if (o == Endings.Outcome.WRITTEN) {
          log.info("task {} handed back on shutdown", a.taskId());
        } else if (o == Endings.Outcome.UNWRITTEN) {
          tries = 1; // the store is down: try each of the rest once, then leave it to the leases
        }
      } catch (RuntimeException e) {
        log.warn("task {}: handing it back failed; its lease will be recovered", a.taskId(), e);
      }
    }
    return d.awaitIdle(Duration.ofSeconds(1));
  }
}
