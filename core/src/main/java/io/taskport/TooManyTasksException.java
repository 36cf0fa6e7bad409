package io.taskport;

import org.jspecify.annotations.Nullable;

/**
 * A submit was refused because the owner already has as many tasks waiting or running as allowed
 * ({@code maxActivePerOwner}, overall or for the type). The message is for the user: it says how
 * many they have and what to do, such as {@code you already have 5 tasks waiting or running, the
 * most allowed; wait for one to finish or cancel one, then submit again}.
 *
 * @since 0.4
 */
public class TooManyTasksException extends TaskportException {
  private static final long serialVersionUID = 1L;
  private final String owner;
  private final @Nullable String type;
  private final int max;

  /**
   * Creates the exception.
   *
   * @param owner the owner whose cap was reached
   * @param type the type whose per-type cap was reached, or {@code null} for the overall cap
   * @param max the cap
   */
  public TooManyTasksException(String owner, @Nullable String type, int max) {
    super(describe(type, max), null);
    this.owner = owner;
    this.type = type;
    this.max = max;
  }

  /** Returns the owner whose cap was reached. */
  public String owner() {
    return owner;
  }

  /** Returns the type of the per-type cap that was reached, or {@code null} for the overall cap. */
  public @Nullable String type() {
    return type;
  }

  /** Returns the cap. */
  public int max() {
    return max;
  }

  private static MessageKey describe(@Nullable String type, int max) {
    String key = "cap." + (type == null ? "all" : "type") + (max == 1 ? ".one" : "");
    return MessageKey.of(key, max, type);
  }
}
