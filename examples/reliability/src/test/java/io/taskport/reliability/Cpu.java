package io.taskport.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** CPU-bound work on every core, for the lease-renewal-under-load scenario. */
final class Cpu {
  private Cpu() {}

  /** Spins every core until {@code endNanos}, calling {@code check} on this thread meanwhile. */
  static void burn(long endNanos, Runnable check) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> spinners = new ArrayList<>();
    int cores = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < cores; i++) {
      Thread t =
          new Thread(
              () -> {
                double x = 1;
                while (!stop.get()) {
                  x = Math.sqrt(x + 1.0001);
                }
                if (x < 0) {
                  throw new AssertionError();
                }
              },
              "cpu-burner-" + i);
      t.setDaemon(true);
      t.start();
      spinners.add(t);
    }
    try {
      double y = 1;
      while (System.nanoTime() < endNanos) {
        check.run();
        for (int i = 0; i < 100_000; i++) {
          y = Math.sqrt(y + 1.0001);
        }
      }
      if (y < 0) {
        throw new AssertionError();
      }
    } finally {
      stop.set(true);
      for (Thread t : spinners) {
        t.join();
      }
    }
  }
}
