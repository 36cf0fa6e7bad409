package io.taskport.spring.boot;

import io.taskport.TaskManagerBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Scheduling rules that hold across the cluster, under {@code taskport.scheduling}. */
public class SchedulingProperties {
  /** Most tasks one owner may have waiting or running at once, over all types; 0 for no cap. */
  private int maxActivePerOwner;

  /** Most tasks of any one type one owner may have waiting or running at once; 0 for no cap. */
  private int maxActivePerOwnerOfType;

  /** Whether a submit beyond an owner cap waits its turn instead of being refused. */
  private boolean queueBeyondOwnerCap;

  /** Whether claims take owners, or the requests' fairness keys, in turn. */
  private boolean fairClaiming;

  /** How long a waiting task takes to make up one priority level. */
  private Duration priorityAgeing = Duration.ofMinutes(5);

  /** Per type, the most tasks running at once across every node. */
  private final Map<String, Integer> clusterTypeLimits = new LinkedHashMap<>();

  /** Per type, the most starts per minute across every node. */
  private final Map<String, Integer> typeRates = new LinkedHashMap<>();

  /** Applies the settings that are set to the builder, which checks them. */
  void applyTo(TaskManagerBuilder builder) {
    if (maxActivePerOwner > 0) {
      builder.maxActivePerOwner(maxActivePerOwner);
    }
    if (maxActivePerOwnerOfType > 0) {
      builder.maxActivePerOwnerOfType(maxActivePerOwnerOfType);
    }
    builder.queueBeyondOwnerCap(queueBeyondOwnerCap);
    builder.fairClaiming(fairClaiming);
    builder.priorityAgeing(priorityAgeing);
    clusterTypeLimits.forEach(builder::clusterTypeLimit);
    typeRates.forEach(builder::typeRate);
  }

  /** Returns the cap per owner, 0 for none. */
  public int getMaxActivePerOwner() {
    return maxActivePerOwner;
  }

  /** Sets the cap per owner, 0 for none. */
  public void setMaxActivePerOwner(int maxActivePerOwner) {
    this.maxActivePerOwner = maxActivePerOwner;
  }

  /** Returns the cap per owner and type, 0 for none. */
  public int getMaxActivePerOwnerOfType() {
    return maxActivePerOwnerOfType;
  }

  /** Sets the cap per owner and type, 0 for none. */
  public void setMaxActivePerOwnerOfType(int maxActivePerOwnerOfType) {
    this.maxActivePerOwnerOfType = maxActivePerOwnerOfType;
  }

  /** Returns whether a submit beyond a cap waits. */
  public boolean isQueueBeyondOwnerCap() {
    return queueBeyondOwnerCap;
  }

  /** Sets whether a submit beyond a cap waits. */
  public void setQueueBeyondOwnerCap(boolean queueBeyondOwnerCap) {
    this.queueBeyondOwnerCap = queueBeyondOwnerCap;
  }

  /** Returns whether claims are fair. */
  public boolean isFairClaiming() {
    return fairClaiming;
  }

  /** Sets whether claims are fair. */
  public void setFairClaiming(boolean fairClaiming) {
    this.fairClaiming = fairClaiming;
  }

  /** Returns the wait worth one priority level. */
  public Duration getPriorityAgeing() {
    return priorityAgeing;
  }

  /** Sets the wait worth one priority level. */
  public void setPriorityAgeing(Duration priorityAgeing) {
    this.priorityAgeing = priorityAgeing;
  }

  /** Returns the cluster-wide RUNNING limits by type. */
  public Map<String, Integer> getClusterTypeLimits() {
    return clusterTypeLimits;
  }

  /** Returns the starts per minute by type. */
  public Map<String, Integer> getTypeRates() {
    return typeRates;
  }
}
