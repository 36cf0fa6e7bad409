package io.taskport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopTest {
  @Test
  void run_survivesAnErrorAndRunsTheNextPass() {
    AtomicInteger passes = new AtomicInteger();
    Loop loop =
        new Loop(
            "test loop",
            () -> {
              if (passes.incrementAndGet() == 1) {
                throw new LinkageError("a broken driver");
              }
            },
            0,
            0);
    loop.run(); // the Error stays inside the loop
    loop.run();
    assertThat(passes).hasValue(2);
  }

  @Test
  void run_pausesAfterAFailure() {
    AtomicInteger passes = new AtomicInteger();
    Loop loop =
        new Loop(
            "test loop",
            () -> {
              passes.incrementAndGet();
              throw new IllegalStateException("the store is down");
            },
            60_000,
            60_000);
    loop.run();
    loop.run(); // within the pause: skipped
    assertThat(passes).hasValue(1);
  }
}
