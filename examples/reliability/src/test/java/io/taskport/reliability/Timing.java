package io.taskport.reliability;

import java.time.Duration;

/**
 * The test speeds of RELIABILITY.md: lease 2 s, heartbeat 500 ms, sweep 500 ms. A task whose
 * worker stopped heartbeating must leave RUNNING within {@link #runningBound()} (I4); assertions
 * add {@link #MARGIN} for a loaded two-core machine.
 */
final class Timing {
  static final Duration LEASE = Duration.ofSeconds(2);
  static final Duration HEARTBEAT = Duration.ofMillis(500);
  static final Duration SWEEP = Duration.ofMillis(500);
  static final Duration POLL = Duration.ofMillis(50);
  static final Duration MARGIN = Duration.ofSeconds(5);

  private Timing() {}

  /** I4: {@code lease + sweep + hb}. */
  static Duration runningBound() {
    return LEASE.plus(SWEEP).plus(HEARTBEAT);
  }

  /** The bound that assertions use: I4 plus the margin. */
  static Duration assertedBound() {
    return runningBound().plus(MARGIN);
  }
}
