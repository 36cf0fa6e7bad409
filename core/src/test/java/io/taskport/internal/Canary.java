package io.taskport.internal;

/** A class that records, in {@link Flag}, whether anything ever initialised or created it. */
public class Canary {
  static {
    Flag.touched = true;
  }

  public Canary() {
    Flag.touched = true;
  }

  /** Kept apart so that reading it does not initialise {@link Canary}. */
  static final class Flag {
    static volatile boolean touched;

    private Flag() {}
  }
}
