package io.taskport;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the queue fares, from the tasks created within a recent window; see {@link
 * TaskAdmin#stats}.
 *
 * @param window how far back the figures reach
 * @param sampled how many tasks created within the window were read (at most {@link
 *     TaskAdmin#STATS_SAMPLE}, the newest)
 * @param waiting of those, how many wait for their first claim now
 * @param averageWait the mean time from creation to the first claim, over the sampled tasks on
 *     their first attempt (a retried task's later waits are left out); {@code null} if none
 * @param longestWait the longest such time, or of a task still waiting for its first claim the
 *     time it has waited so far; {@code null} if there is neither
 * @param completed sampled tasks that COMPLETED within the window
 * @param failed sampled tasks that FAILED within the window
 * @param finishedPerMinute completed and failed tasks per minute of the window
 */
public record QueueStats(
    Duration window,
    int sampled,
    int waiting,
    @Nullable Duration averageWait,
    @Nullable Duration longestWait,
    int completed,
    int failed,
    double finishedPerMinute) {

  /** Checks the parts. */
  public QueueStats {
    requireNonNull(window, "window");
  }
}
