package io.taskport.jdbc;

import io.taskport.Task;
import io.taskport.store.ClaimRules;
import java.util.List;

/**
 * Chooses how a claim runs: through {@link Gates} when the rules limit owners, running tasks or
 * starts of a type, else one {@link Claims} statement for one task or for many.
 */
final class Claimer {
  private final Claims claims;
  private final Gates gates;

  Claimer(Claims claims, Gates gates) {
    this.claims = claims;
    this.gates = gates;
  }

  List<Task> claim(
      String workerId, List<String> sortedTypes, long leaseMillis, int max, ClaimRules rules) {
    boolean limited =
        rules.limitsOwners()
            || sortedTypes.stream()
                .anyMatch(t -> rules.maxRunning(t) != null || rules.starts(t) != null);
    if (limited) {
      return Jdbc.retryingRollbacks(
          () -> gates.claimLimited(workerId, sortedTypes, leaseMillis, max, rules));
    }
    boolean fair = rules.fair();
    if (max == 1) {
      return Jdbc.retryingRollbacks(() -> claims.claim(workerId, sortedTypes, leaseMillis, fair))
          .map(List::of)
          .orElse(List.of());
    }
    return Jdbc.retryingRollbacks(
        () -> claims.claimMany(workerId, sortedTypes, leaseMillis, max, fair));
  }
}
