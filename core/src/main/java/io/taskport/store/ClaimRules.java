package io.taskport.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The cluster-wide rules a {@link TaskStore#claim(String, Set, Duration, int, ClaimRules)} obeys,
 * in the same atomic step as the claim. The engine passes the same rules on every node.
 *
 * @param fair take due tasks round-robin by fairness key (the owner unless the submit set one):
 *     the key served longest ago goes first, and within a key the best-ranked task; {@code false}
 *     for plain rank order across keys
 * @param maxRunning per type, the most RUNNING tasks across the cluster; absent types are unbounded
 * @param starts per type, the most starts (claims) within a window; absent types are unbounded
 * @param maxRunningPerOwner the most RUNNING tasks one owner may have, 0 for no limit: the queued
 *     form of the per-owner cap, where a submit beyond the cap waits instead of being refused
 * @param maxRunningPerOwnerOfType the most RUNNING tasks of one type one owner may have, 0 for no
 *     limit
 * @since 0.4
 */
public record ClaimRules(
    boolean fair,
    Map<String, Integer> maxRunning,
    Map<String, Rate> starts,
    int maxRunningPerOwner,
    int maxRunningPerOwnerOfType) {

  /** No rules: plain rank order, no limits. */
  public static final ClaimRules NONE = new ClaimRules(false, Map.of(), Map.of(), 0, 0);

  /** Checks the parts and copies the maps. */
  public ClaimRules {
    maxRunning = Map.copyOf(requireNonNull(maxRunning, "maxRunning"));
    starts = Map.copyOf(requireNonNull(starts, "starts"));
    maxRunning.forEach(
        (type, n) -> {
          if (n < 1) {
            throw new IllegalArgumentException("maxRunning of " + type + " must be >= 1, was " + n);
          }
        });
    if (maxRunningPerOwner < 0 || maxRunningPerOwnerOfType < 0) {
      throw new IllegalArgumentException("per-owner limits must be >= 0 (0 for none)");
    }
  }

  /** Returns the cluster-wide RUNNING limit of a type, or {@code null} when unbounded. */
  public @Nullable Integer maxRunning(String type) {
    return maxRunning.get(type);
  }

  /** Returns the start rate of a type, or {@code null} when unbounded. */
  public @Nullable Rate starts(String type) {
    return starts.get(type);
  }

  /** Returns whether these rules limit anything per owner. */
  public boolean limitsOwners() {
    return maxRunningPerOwner > 0 || maxRunningPerOwnerOfType > 0;
  }

  /**
   * At most {@code starts} claims of a type within each fixed window of length {@code per}, by
   * the store's clock, across the cluster.
   *
   * @param starts the most starts per window, at least 1
   * @param per the window, at least one millisecond
   */
  public record Rate(int starts, Duration per) {
    /** Checks the parts. */
    public Rate {
      requireNonNull(per, "per");
      if (starts < 1) {
        throw new IllegalArgumentException("starts must be >= 1, was " + starts);
      }
      if (per.toMillis() < 1) {
        throw new IllegalArgumentException("per must be at least 1 ms, was " + per);
      }
    }

    /** Returns a rate of {@code starts} per minute. */
    public static Rate perMinute(int starts) {
      return new Rate(starts, Duration.ofMinutes(1));
    }
  }
}
