package io.taskport.internal;

import static java.util.Objects.requireNonNull;

import io.taskport.store.ClaimRules;
import io.taskport.store.Scheduling;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The scheduling settings of a manager: per-owner caps, fairness, priority ageing, cluster-wide
 * RUNNING limits and start rates per type. Turns them into the {@link Scheduling} of each submit
 * and the {@link ClaimRules} of each claim.
 *
 * @param maxActivePerOwner the most PENDING or RUNNING tasks per owner, 0 for no cap
 * @param maxActivePerOwnerOfType the most per owner and type, 0 for no cap
 * @param queueBeyondCap whether a submit beyond a cap waits (PENDING) instead of being refused
 * @param fair whether claims take owners (or fairness keys) in turn
 * @param ageing how long a task waits to make up one priority level
 * @param clusterLimits per type, the most RUNNING across the cluster
 * @param startsPerMinute per type, the most starts per minute across the cluster
 */
public record SchedulingRules(
    int maxActivePerOwner,
    int maxActivePerOwnerOfType,
    boolean queueBeyondCap,
    boolean fair,
    Duration ageing,
    Map<String, Integer> clusterLimits,
    Map<String, Integer> startsPerMinute) {

  /** The default ageing: a task waiting five minutes makes up one priority level. */
  public static final Duration DEFAULT_AGEING = Duration.ofMinutes(5);

  /** No caps, no fairness, no limits. */
  public static final SchedulingRules NONE =
      new SchedulingRules(0, 0, false, false, DEFAULT_AGEING, Map.of(), Map.of());

  /** Copies the maps. */
  public SchedulingRules {
    requireNonNull(ageing, "ageing");
    clusterLimits = Map.copyOf(clusterLimits);
    startsPerMinute = Map.copyOf(startsPerMinute);
  }

  /** Returns whether any rule needs a store that {@link TaskStore#enforcesScheduling}. */
  public boolean needsStoreSupport() {
    return maxActivePerOwner > 0
        || maxActivePerOwnerOfType > 0
        || fair
        || !clusterLimits.isEmpty()
        || !startsPerMinute.isEmpty();
  }

  /** Returns the scheduling of a new task with this priority and fairness key. */
  public Scheduling submit(@Nullable Integer priority, @Nullable String fairnessKey) {
    int level = priority == null ? Scheduling.NORMAL_PRIORITY : priority;
    Scheduling s =
        Scheduling.DEFAULT
            .withPriority(level, lead(level))
            .withFairnessKey(fairnessKey);
    return queueBeyondCap ? s : s.withCaps(maxActivePerOwner, maxActivePerOwnerOfType);
  }

  /** The ageing times the level; Duration.multipliedBy goes through BigDecimal on every submit. */
  private Duration lead(int level) {
    return Duration.ofSeconds(
        Math.multiplyExact(ageing.getSeconds(), level), (long) ageing.getNano() * level);
  }

  /** Returns the rules each claim passes to the store. */
  public ClaimRules claim() {
    if (!needsStoreSupport()) {
      return ClaimRules.NONE;
    }
    Map<String, ClaimRules.Rate> rates = new LinkedHashMap<>();
    startsPerMinute.forEach((type, k) -> rates.put(type, ClaimRules.Rate.perMinute(k)));
    return new ClaimRules(
        fair,
        clusterLimits,
        rates,
        queueBeyondCap ? maxActivePerOwner : 0,
        queueBeyondCap ? maxActivePerOwnerOfType : 0);
  }

  /** Returns the rules in force by name, for the operator; node type limits included. */
  public Map<String, String> describe(Map<String, Integer> nodeTypeLimits) {
    Map<String, String> rules = new java.util.TreeMap<>();
    rules.put("fairClaiming", fair ? "on" : "off");
    rules.put("priorityAgeing", ageing.toString());
    if (maxActivePerOwner > 0) {
      rules.put("maxActivePerOwner", String.valueOf(maxActivePerOwner));
    }
    if (maxActivePerOwnerOfType > 0) {
      rules.put("maxActivePerOwnerOfType", String.valueOf(maxActivePerOwnerOfType));
    }
    if (maxActivePerOwner > 0 || maxActivePerOwnerOfType > 0) {
      rules.put("beyondOwnerCap", queueBeyondCap ? "queued" : "refused");
    }
    clusterLimits.forEach((t, n) -> rules.put("clusterTypeLimit." + t, String.valueOf(n)));
    startsPerMinute.forEach((t, n) -> rules.put("typeRate." + t, n + " per minute"));
    nodeTypeLimits.forEach((t, n) -> rules.put("typeLimit." + t, n + " per node"));
    return rules;
  }

  /** A mutable builder for {@code TaskManagerBuilder}. */
  public static final class Builder {
    private int maxActivePerOwner;
    private int maxActivePerOwnerOfType;
    private boolean queueBeyondCap;
    private boolean fair;
    private Duration ageing = DEFAULT_AGEING;
    private final Map<String, Integer> clusterLimits = new LinkedHashMap<>();
    private final Map<String, Integer> startsPerMinute = new LinkedHashMap<>();

    /** Sets the overall cap per owner. */
    public void maxActivePerOwner(int n) {
      this.maxActivePerOwner = atLeastOne("maxActivePerOwner", n);
    }

    /** Sets the cap per owner and type. */
    public void maxActivePerOwnerOfType(int n) {
      this.maxActivePerOwnerOfType = atLeastOne("maxActivePerOwnerOfType", n);
    }

    /** Sets whether a submit beyond a cap waits instead of being refused. */
    public void queueBeyondCap(boolean queue) {
      this.queueBeyondCap = queue;
    }

    /** Sets fair claiming. */
    public void fair(boolean fair) {
      this.fair = fair;
    }

    /** Sets the wait that makes up one priority level. */
    public void ageing(Duration d) {
      requireNonNull(d, "ageing");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("priorityAgeing must be positive, was " + d);
      }
      this.ageing = d;
    }

    /** Sets a type's cluster-wide RUNNING limit. */
    public void clusterLimit(String type, int n) {
      clusterLimits.put(requireNonNull(type, "type"), atLeastOne("clusterTypeLimit of " + type, n));
    }

    /** Sets a type's start rate per minute. */
    public void startsPerMinute(String type, int n) {
      startsPerMinute.put(requireNonNull(type, "type"), atLeastOne("typeRate of " + type, n));
    }

    /** Returns the frozen settings. */
    public SchedulingRules build() {
      return new SchedulingRules(
          maxActivePerOwner,
          maxActivePerOwnerOfType,
          queueBeyondCap,
          fair,
          ageing,
          clusterLimits,
          startsPerMinute);
    }

    private static int atLeastOne(String name, int n) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, was " + n);
      }
      return n;
    }
  }
}
