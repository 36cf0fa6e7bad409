package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import io.taskport.store.Fence;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What JdbcTaskStore adds to the contract on H2: the builder, awaitWork, and input checks. */
class JdbcTaskStoreTest {
  private static final Set<String> TYPES = Set.of("accounts");
  private JdbcTaskStore store;

  @BeforeEach
  void open() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + Services.randomPrefix() + ";DB_CLOSE_DELAY=-1");
    store = JdbcTaskStore.builder(ds).dialect(JdbcDialect.h2()).createSchema(true).build();
  }

  @Test
  void build_createsTheSchemaIdempotentlyAndDetectsTheDialect() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + Services.randomPrefix() + ";DB_CLOSE_DELAY=-1");
    JdbcTaskStore.builder(ds).tablePrefix("app_").createSchema(true).build();
    JdbcTaskStore again = JdbcTaskStore.builder(ds).tablePrefix("app_").createSchema(true).build();
    assertThat(again.dialect()).isSameAs(JdbcDialect.h2());
    assertThat(again).hasToString("JdbcTaskStore[h2, app_taskport_task]");
    assertThat(again.create(pendingExport().build()).created()).isTrue();
  }

  @Test
  void awaitWork_answersFalseAtOnceWithoutListenNotify() throws Exception {
    long start = System.nanoTime();
    assertThat(store.awaitWork(TYPES, Duration.ofMinutes(5))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThatThrownBy(() -> store.awaitWork(Set.of(), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.awaitWork(TYPES, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claimMany_returnsTheClaimedTasksAsStoredAndRejectsBadArguments() {
    for (int i = 0; i < 3; i++) {
      store.create(pendingExport().build());
    }
    List<Task> claimed = store.claim("w", TYPES, Duration.ofMinutes(1), 5);
    assertThat(claimed).hasSize(3);
    assertThat(claimed).allSatisfy(t -> assertThat(store.get(t.id())).contains(t));
    assertThatThrownBy(() -> store.claim("w", TYPES, Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max must be >= 1, was 0");
    assertThatThrownBy(() -> store.claim("w", Set.of(), Duration.ofMinutes(1), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void complete_withProgressIsRejectedForAStaleFenceAndLeavesTheRowAlone() {
    store.create(pendingExport().build());
    Task t = store.claim("w", TYPES, Duration.ofMinutes(1), 1).stream().findFirst().orElseThrow();
    Fence stale = new Fence(t.id(), "w", t.attempts().current() + 1);
    assertThat(store.complete(stale, TaskResult.ofFile(file()), Progress.of(9, 9))).isFalse();
    assertThat(store.get(t.id())).contains(t);
  }

  @Test
  void create_rejectsOwnersAndTypesTheSchemaCannotHold() {
    assertThatThrownBy(() -> store.create(pendingExport().owner("o".repeat(256)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owner");
    assertThat(store.create(pendingExport().owner("o".repeat(255)).build()).created()).isTrue();
  }

  @Test
  void create_keepsOwnersThatDifferOnlyInCaseOrTrailingBlanksApart() {
    assertThat(store.create(pendingExport().owner("Ann").dedupKey("k").build()).created()).isTrue();
    assertThat(store.create(pendingExport().owner("ann").dedupKey("k").build()).created()).isTrue();
    assertThat(store.create(pendingExport().owner("ann ").dedupKey("k").build()).created())
        .isTrue();
  }

  @Test
  void claim_rejectsNoTypesAndNegativeLeases() {
    assertThatThrownBy(() -> store.claim("w", Set.of(), Duration.ofSeconds(1), 1).stream().findFirst())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claim("w", TYPES, Duration.ofSeconds(-1), 1).stream().findFirst())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static FileRef file() {
    return new FileRef("k/1", "a.csv", 3, "text/csv");
  }
}
