package io.taskport;

import static java.util.Objects.requireNonNull;

/**
 * How many tasks one owner has waiting and running, for the operator's view of who fills the
 * queue.
 *
 * @param owner the owner
 * @param pending how many PENDING tasks
 * @param running how many RUNNING tasks
 * @since 0.4
 */
public record OwnerCount(String owner, long pending, long running) {
  /** Orders owners by PENDING tasks, most first, then by name. */
  public static final java.util.Comparator<OwnerCount> MOST_PENDING_FIRST =
      java.util.Comparator.comparingLong(OwnerCount::pending)
          .reversed()
          .thenComparing(OwnerCount::owner);

  /** Checks the parts. */
  public OwnerCount {
    requireNonNull(owner, "owner");
    if (pending < 0 || running < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }
}
