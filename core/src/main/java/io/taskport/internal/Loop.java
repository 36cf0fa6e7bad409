package io.taskport.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of a background loop, made unable to kill its loop: whatever a pass throws is caught,
 * logged (the first failure with its stack trace, repeats at most once a minute), and the next
 * passes are skipped for a doubling pause. A scheduled task that throws is never run again, so
 * without this one store fault would end the loop for good.
 */
final class Loop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Loop.class);
  private static final long REPORT_NANOS = 60_000_000_000L;

  private final String name;
  private final Runnable pass;
  private final long pauseNanos;
  private final long maxPauseNanos;
  private int failures;
  private int unreported;
  private long lastReport;
  private long resumeAt;

  /** {@code pauseMillis} is the first pause after a failure; it doubles up to {@code maxMillis}. */
  Loop(String name, Runnable pass, long pauseMillis, long maxMillis) {
    this.name = name;
    this.pass = pass;
    this.pauseNanos = pauseMillis * 1_000_000;
    this.maxPauseNanos = maxMillis * 1_000_000;
  }

  @Override
  public synchronized void run() {
    long now = System.nanoTime();
    if (failures > 0 && now - resumeAt < 0) {
      return;
    }
    try {
      pass.run();
      if (failures > 0) {
        log.info("the {} works again after {} failed passes", name, failures);
        failures = 0;
        unreported = 0;
      }
    } catch (Throwable e) {
      failed(e, now);
    }
  }

  private void failed(Throwable e, long now) {
    if (failures == 0 || now - lastReport >= REPORT_NANOS) {
      String more = unreported > 0 ? " (" + unreported + " more failures since the last report)" : "";
      log.warn("the {} failed{}; it goes on", name, more, e);
      lastReport = now;
      unreported = 0;
    } else {
      unreported++;
      log.debug("the {} failed again: {}", name, e.toString());
    }
    long pause = Math.min(maxPauseNanos, pauseNanos << Math.min(failures, 10));
    failures++;
    resumeAt = now + pause;
  }
}
