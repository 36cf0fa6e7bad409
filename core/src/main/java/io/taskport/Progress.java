package io.taskport;

import org.jspecify.annotations.Nullable;

/**
 * How far a task has come.
 *
 * @param done units done so far (rows, usually), never negative
 * @param total units in all, or {@code -1} when not known
 * @param message an optional short text for the user, such as "writing sheet 2"
 */
public record Progress(long done, long total, @Nullable String message) {
  /** Nothing done, total unknown. */
  public static final Progress NONE = new Progress(0, -1, null);

  /** Checks the numbers. */
  public Progress {
    if (done < 0) {
      throw new IllegalArgumentException("done must be >= 0, was " + done);
    }
    if (total < -1) {
      throw new IllegalArgumentException("total must be >= -1, was " + total);
    }
    if (message != null && message.length() > 500) {
      message = message.substring(0, 500);
    }
  }

  /** Returns progress with a known or unknown total and no message. */
  public static Progress of(long done, long total) {
    return new Progress(done, total, null);
  }

  /** Returns the fraction done between 0 and 1, or -1 when the total is not known. */
  public double fraction() {
    if (total < 0) {
      return -1;
    }
    return total == 0 ? 1 : Math.min(1.0, (double) done / total);
  }
}
