package io.taskport.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need a real server: skipped with the reason when it cannot be reached,
 * unless {@code TASKPORT_REQUIRE_SERVICES=true} (set in CI), which makes them fail instead.
 */
public final class Services {
  private Services() {}

  /** Returns whether CI demands every service. */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("TASKPORT_REQUIRE_SERVICES"));
  }

  /**
   * Skips or fails the calling test when a service is unreachable.
   *
   * @param reachable whether it was reached
   * @param what the service and address, for the message
   * @param cause why it could not be reached, or {@code null}
   */
  public static void assume(boolean reachable, String what, Throwable cause) {
    if (reachable) {
      return;
    }
    String message =
        what + " is not reachable" + (cause == null ? "" : " (" + cause + ")")
            + "; start it or set its URL variable";
    if (required()) {
      throw new AssertionError(message + " — TASKPORT_REQUIRE_SERVICES=true", cause);
    }
    Assumptions.abort(message);
  }
}
