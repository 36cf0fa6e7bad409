package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.Task;
import io.taskport.TaskError;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What JdbcTaskStore adds to the contract: the builder, awaitWork, and input checks. */
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
  void awaitWork_returnsAtOnceWhenATaskIsDue() throws Exception {
    store.create(pendingExport().build());
    assertThat(store.awaitWork(TYPES, Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void awaitWork_returnsFalseWhenNothingComes() throws Exception {
    store.create(pendingExport().type("other").build());
    assertThat(store.awaitWork(TYPES, Duration.ofMillis(50))).isFalse();
  }

  @Test
  void awaitWork_isWokenByACreate() throws Exception {
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return store.awaitWork(TYPES, Duration.ofMinutes(5));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
    // the create may land before or during the wait: either way the waiter returns true
    store.create(pendingExport().build());
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void awaitWork_wakesWhenARetryFallsDue() throws Exception {
    store.create(pendingExport().build());
    Task t = store.claim("w", TYPES, Duration.ofMinutes(1)).orElseThrow();
    store.fail(t.fence(), TaskError.of("X", "x"), Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(store.awaitWork(TYPES, Duration.ofMillis(200))).isFalse();
    assertThat(store.awaitWork(TYPES, Duration.ofMinutes(5))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(store.claim("w", TYPES, Duration.ofMinutes(1))).isPresent();
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
    assertThatThrownBy(() -> store.claim("w", Set.of(), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claim("w", TYPES, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
