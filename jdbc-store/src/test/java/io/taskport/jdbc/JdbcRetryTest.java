package io.taskport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JdbcRetryTest {
  private static StoreException deadlock() {
    return Jdbc.failure(
        "create", new SQLTransactionRollbackException("Deadlock found", "40001", 1213));
  }

  @Test
  void aDeadlockVictimRunsAgain() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        Jdbc.retryingRollbacks(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw deadlock();
              }
              return "done";
            });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherFailuresAndPersistentDeadlocksAreThrown() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Jdbc.retryingRollbacks(
                    () -> {
                      calls.incrementAndGet();
                      throw Jdbc.failure("create", new SQLException("duplicate", "23505"));
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("23505");
    assertThat(calls).hasValue(1);
    calls.set(0);
    assertThatThrownBy(
            () ->
                Jdbc.retryingRollbacks(
                    () -> {
                      calls.incrementAndGet();
                      throw deadlock();
                    }))
        .hasMessageContaining("40001");
    assertThat(calls).hasValue(5);
  }
}
