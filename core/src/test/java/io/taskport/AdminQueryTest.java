package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdminQueryTest {
  private static final Instant T = Instant.parse("2026-01-31T12:00:00Z");

  private static Task task(String owner, Instant createdAt) {
    return Task.builder()
        .id(TaskId.random())
        .kind(TaskKind.IMPORT)
        .type("accounts")
        .owner(owner)
        .createdAt(createdAt)
        .build();
  }

  @Test
  void matches_checksEveryFilterAndTheCreationRangeIsHalfOpen() {
    AdminQuery q = AdminQuery.all().created(T, T.plusSeconds(60));
    assertThat(q.matches(task("ann", T))).isTrue();
    assertThat(q.matches(task("ann", T.plusSeconds(60)))).isFalse();
    assertThat(q.matches(task("ann", T.minusMillis(1)))).isFalse();
    assertThat(q.owner("bob").matches(task("ann", T))).isFalse();
    assertThat(q.kind(TaskKind.EXPORT).matches(task("ann", T))).isFalse();
    assertThat(q.status(TaskStatus.FAILED).matches(task("ann", T))).isFalse();
    assertThat(q.type("accounts").status(TaskStatus.PENDING).matches(task("ann", T))).isTrue();
  }

  @Test
  void constructor_refusesABackwardRangeAndBadPageSizes() {
    assertThatThrownBy(() -> AdminQuery.all().created(T, T.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("createdTo must not be before createdFrom");
    assertThatThrownBy(() -> AdminQuery.all().limit(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdminQuery.all().limit(TaskQuery.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AdminQuery.all().limit(TaskQuery.MAX_LIMIT).limit()).isEqualTo(TaskQuery.MAX_LIMIT);
  }
}
