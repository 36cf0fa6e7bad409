package io.taskport.store;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The scheduling parts of a {@link NewTask}: its priority, its fairness key and the per-owner caps
 * {@link TaskStore#create} checks atomically with de-duplication.
 *
 * <p>Priority with ageing: the store ranks a due PENDING task by its creation time minus {@code
 * priorityLead}, so a task one level higher is claimed first unless the lower one has waited
 * longer than the difference of their leads. The engine computes the lead as the priority times
 * its ageing step. The rank is fixed at create: a task due again after a retry, release or lease
 * recovery keeps the place it has earned by waiting.
 *
 * @param priority the task's priority level, from {@link #MIN_PRIORITY} to {@link #MAX_PRIORITY};
 *     higher first
 * @param priorityLead how much earlier than its due time the task ranks; not negative
 * @param fairnessKey the key fair claiming takes turns by, or {@code null} for the owner
 * @param maxActivePerOwner the most PENDING or RUNNING tasks the owner may have, counting this
 *     one; 0 for no cap
 * @param maxActivePerOwnerOfType the most PENDING or RUNNING tasks of this type the owner may
 *     have, counting this one; 0 for no cap
 * @since 0.4
 */
public record Scheduling(
    int priority,
    Duration priorityLead,
    @Nullable String fairnessKey,
    int maxActivePerOwner,
    int maxActivePerOwnerOfType) {

  /** The lowest priority level. */
  public static final int MIN_PRIORITY = 0;

  /** The priority of a task that sets none. */
  public static final int NORMAL_PRIORITY = 2;

  /** The highest priority level. */
  public static final int MAX_PRIORITY = 4;

  /** Normal priority, the owner as fairness key, and no caps. */
  public static final Scheduling DEFAULT = new Scheduling(NORMAL_PRIORITY, Duration.ZERO, null, 0, 0);

  /** Checks the parts. */
  public Scheduling {
    java.util.Objects.requireNonNull(priorityLead, "priorityLead");
    checkPriority(priority);
    if (priorityLead.isNegative()) {
      throw new IllegalArgumentException("priorityLead must not be negative, was " + priorityLead);
    }
    if (fairnessKey != null && fairnessKey.isBlank()) {
      throw new IllegalArgumentException("fairnessKey must not be blank");
    }
    if (maxActivePerOwner < 0 || maxActivePerOwnerOfType < 0) {
      throw new IllegalArgumentException("caps must be >= 0 (0 for none)");
    }
  }

  /**
   * Checks a priority level.
   *
   * @throws IllegalArgumentException if it is outside {@link #MIN_PRIORITY}..{@link
   *     #MAX_PRIORITY}
   */
  public static void checkPriority(int priority) {
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priority must be from " + MIN_PRIORITY + " to " + MAX_PRIORITY + ", was " + priority);
    }
  }

  /** Returns these rules with another priority and lead. */
  public Scheduling withPriority(int level, Duration lead) {
    return new Scheduling(level, lead, fairnessKey, maxActivePerOwner, maxActivePerOwnerOfType);
  }

  /** Returns these rules with another fairness key. */
  public Scheduling withFairnessKey(@Nullable String key) {
    return new Scheduling(priority, priorityLead, key, maxActivePerOwner, maxActivePerOwnerOfType);
  }

  /** Returns these rules with other per-owner caps (0 for none). */
  public Scheduling withCaps(int overall, int ofType) {
    return new Scheduling(priority, priorityLead, fairnessKey, overall, ofType);
  }

  /** Returns the key fair claiming takes turns by for a task of this owner. */
  public String fairnessKeyOr(String owner) {
    return fairnessKey != null ? fairnessKey : owner;
  }
}
