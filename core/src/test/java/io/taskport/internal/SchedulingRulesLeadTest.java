package io.taskport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.store.Scheduling;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulingRulesLeadTest {
  @Test
  void aPrioritysLeadIsTheAgeingTimesItsLevel() {
    Duration ageing = Duration.ofSeconds(90, 999_999_999);
    SchedulingRules rules = new SchedulingRules(0, 0, false, false, ageing, Map.of(), Map.of());
    for (int level = Scheduling.MIN_PRIORITY; level <= Scheduling.MAX_PRIORITY; level++) {
      assertThat(rules.submit(level, null).priorityLead())
          .as("level " + level)
          .isEqualTo(ageing.multipliedBy(level));
    }
  }
}
