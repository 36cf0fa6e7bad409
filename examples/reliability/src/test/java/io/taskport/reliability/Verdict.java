package io.taskport.reliability;

import java.util.ArrayList;
import java.util.List;

/** Collects invariant violations so that one run reports all of them, then fails with them. */
final class Verdict {
  private final List<String> violations = new ArrayList<>();

  /** Records a violation of {@code invariant} unless {@code ok}. */
  synchronized void check(boolean ok, String invariant, String message) {
    if (!ok) {
      violations.add(invariant + ": " + message);
    }
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Fails with every violation recorded, or returns. */
  void assertNone() {
    List<String> v = violations();
    if (!v.isEmpty()) {
      throw new AssertionError(v.size() + " invariant violation(s):\n" + String.join("\n", v));
    }
  }
}
