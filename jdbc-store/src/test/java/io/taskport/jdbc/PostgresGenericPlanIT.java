package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskQuery;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import io.taskport.store.ClaimRules;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL keeps a prepared statement's generic plan while the table grows, until autovacuum
 * next analyzes it, which on a new table can be minutes of heavy use. So every statement of a
 * task's life, planned once for any parameters on a new, small table, must reach the task table
 * through an index: a plan that scans the table stays with the statement and costs more with every
 * task kept. (A batch claim that did cost 0.78 ms per claim at 20,000 finished tasks, against 0.09
 * ms through the primary key.)
 */
class PostgresGenericPlanIT {
  private static final Set<String> TYPES = Set.of("accounts");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\?");

  private final Set<String> sent = Collections.synchronizedSet(new LinkedHashSet<>());
  private final DataSource plain = Services.postgresPlain();

  @RegisterExtension final ScratchStore scratch = new ScratchStore(() -> recording(plain));

  @Test
  void everyStatementOfATasksLifeReachesTheTaskTableThroughAnIndex() throws Exception {
    sent.clear(); // the schema's own statements
    lifeOfTasks();
    String table = scratch.prefix + "taskport_task";
    List<String> checked = new ArrayList<>();
    List<String> scans = new ArrayList<>();
    for (String sql : List.copyOf(sent)) {
      if (!sql.contains(table) || !sql.matches("(?s)\\s*(SELECT|INSERT|UPDATE|DELETE|WITH).*")) {
        continue;
      }
      List<String> plan = genericPlan(sql);
      if (plan.stream().anyMatch(line -> line.contains("Seq Scan on " + table))) {
        scans.add(sql + "\n" + String.join("\n", plan));
      }
      checked.add(sql);
    }
    assertThat(checked).as("statements checked").hasSizeGreaterThanOrEqualTo(8);
    assertThat(scans).as("statements whose generic plan scans the task table").isEmpty();
  }

  /**
   * Submits (one, many, under caps), claims (plain, fair, under a limit; one and many), beats,
   * ends and lists tasks.
   */
  private void lifeOfTasks() {
    JdbcTaskStore store = scratch.store;
    store.create(pendingExport().owner("ann").build());
    store.create(pendingExport().owner("ann").dedupKey("d").build());
    store.createAll(List.of(pendingExport().owner("bob").build(),
        pendingExport().owner("cy").build(), pendingExport().owner("cy").build()));
    ClaimRules fair = new ClaimRules(true, Map.of(), Map.of(), 0, 0);
    List<Task> claimed = new ArrayList<>(store.claim("w", TYPES, LEASE, 1));
    claimed.addAll(store.claim("w", TYPES, LEASE, 1, fair));
    claimed.addAll(store.claim("w", TYPES, LEASE, 2));
    claimed.addAll(store.claim("w", TYPES, LEASE, 2, fair));
    assertThat(claimed).hasSize(5);
    store.create(pendingExport().owner("dee").caps(5, 2).build());
    ClaimRules limited = new ClaimRules(true, Map.of("accounts", 10), Map.of(), 0, 0);
    assertThat(store.claim("w", TYPES, LEASE, 2, limited)).hasSize(1);
    store.heartbeat(claimed.get(0).fence(), new Progress(1, 2, null), null, LEASE);
    FileRef file = new FileRef("r/1", "r.csv", 0, "text/csv");
    store.complete(claimed.get(0).fence(), TaskResult.ofFile(file), Progress.NONE);
    store.fail(claimed.get(1).fence(), TaskError.of("X", "x"), Duration.ofSeconds(1));
    store.fail(claimed.get(2).fence(), TaskError.of("X", "x"), null);
    store.release(claimed.get(3).fence());
    store.requestCancel(claimed.get(4).id());
    store.cancelled(claimed.get(4).fence());
    store.get(claimed.get(0).id());
    store.list(TaskQuery.of("ann"));
    store.recoverExpiredLeases(10);
    store.purgeExpired(10);
  }

  /** The plan PostgreSQL caches for the statement when it plans it once for any parameters. */
  private List<String> genericPlan(String sql) throws SQLException {
    StringBuilder numbered = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(sql);
    int n = 0;
    while (m.find()) {
      m.appendReplacement(numbered, "\\$" + ++n);
    }
    m.appendTail(numbered);
    List<String> nulls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nulls.add("NULL");
    }
    List<String> lines = new ArrayList<>();
    try (Connection c = plain.getConnection();
        Statement st = c.createStatement()) {
      st.execute("SET plan_cache_mode = force_generic_plan");
      st.execute("PREPARE plan_check AS " + numbered);
      String args = n == 0 ? "" : "(" + String.join(", ", nulls) + ")";
      try (ResultSet rs = st.executeQuery("EXPLAIN EXECUTE plan_check" + args)) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      } finally {
        st.execute("DEALLOCATE plan_check");
      }
    }
    return lines;
  }

  /** A data source whose connections note the SQL of every statement they prepare. */
  private DataSource recording(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
          Object r = invoke(target, m, args);
          if (r instanceof Connection c) {
            return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, cm, cargs) -> {
                  if (cm.getName().equals("prepareStatement")) {
                    sent.add((String) cargs[0]);
                  }
                  return invoke(c, cm, cargs);
                });
          }
          return r;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
