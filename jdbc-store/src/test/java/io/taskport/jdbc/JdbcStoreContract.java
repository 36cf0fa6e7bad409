package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingImport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import io.taskport.testkit.TaskStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs {@link TaskStoreContract} unchanged on a database: one random table prefix per class,
 * emptied after each test and dropped after the class. Time is the database's, so {@link #elapse}
 * waits, with a bound, until the database clock has moved on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStoreContract extends TaskStoreContract {
  private final String prefix = Services.randomPrefix();
  private DataSource dataSource;

  /** Returns the data source; called once per class. */
  protected abstract DataSource openDataSource() throws Exception;

  /** Closes the data source if the test created a pool. */
  protected void closeDataSource(DataSource ds) throws Exception {
    if (ds instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  protected TaskStore createStore() throws Exception {
    return JdbcTaskStore.builder(dataSource).tablePrefix(prefix).createSchema(true).build();
  }

  @Override
  protected void dropStore(TaskStore store) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM " + prefix + "taskport_task");
    }
  }

  @Override
  protected void elapse(Duration d) {
    JdbcTaskStore s = (JdbcTaskStore) created();
    Instant until = s.databaseNow().plus(d);
    await()
        .atMost(d.plusSeconds(10))
        .pollDelay(d)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> !s.databaseNow().isBefore(until));
  }

  /**
   * A list longer than the store's chunks keeps its order and its twins across chunks: an active
   * twin, and earlier tasks of the list in another chunk.
   */
  @Test
  void createAll_ofSeveralChunksKeepsTheOrderAndTheTwinsAcrossChunks() {
    JdbcTaskStore s = (JdbcTaskStore) created();
    Task active = s.create(pendingImport().dedupKey("active").build()).task();
    List<NewTask> tasks = new ArrayList<>();
    for (int i = 0; i < 2 * Creates.CHUNK + 7; i++) {
      String key = i == 700 ? "active" : i % 3 == 0 ? "k" + (i % 600) : null;
      // twins share owner and type: i and i + 600 have the same owner
      String owner = i == 700 ? active.owner() : "o" + (i % 6);
      tasks.add(pendingImport().owner(owner).dedupKey(key).build());
    }
    List<Submission> out = s.createAll(tasks);
    assertThat(out).hasSize(tasks.size());
    Map<String, TaskId> firstOfKey = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      NewTask n = tasks.get(i);
      Submission got = out.get(i);
      TaskId twin = "active".equals(n.dedupKey()) ? active.id() : firstOfKey.get(n.dedupKey());
      if (n.dedupKey() == null || twin == null) {
        assertThat(got.created()).as("task %d", i).isTrue();
        assertThat(got.task().id()).isEqualTo(n.id());
        assertThat(got.task().owner()).isEqualTo(n.owner());
        assertThat(s.get(n.id())).contains(got.task());
        if (n.dedupKey() != null) {
          firstOfKey.put(n.dedupKey(), n.id());
        }
      } else {
        assertThat(got.created()).as("task %d", i).isFalse();
        assertThat(got.task().id()).isEqualTo(twin);
        assertThat(s.get(n.id())).isEmpty();
      }
    }
  }

  /** A table made by a version before the locale column gets it when the store starts. */
  @Test
  void schema_upgradesATableOfAnEarlierVersionByAddingItsNewColumns() throws Exception {
    String old = Services.randomPrefix();
    Dialect dialect = (Dialect) ((JdbcTaskStore) created()).dialect();
    try {
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        for (String s : Schema.statements(Schema.script(dialect, Schema.TASKS), old)) {
          if (!s.startsWith("ALTER TABLE")) {
            st.execute(s);
          }
        }
        assertThat(Schema.hasColumn(c, old + "taskport_task", "locale")).isFalse();
      }
      JdbcTaskStore.builder(dataSource).tablePrefix(old).createSchema(true).build();
      JdbcTaskStore upgraded =
          JdbcTaskStore.builder(dataSource).tablePrefix(old).createSchema(true).build();
      var task = upgraded.create(pendingImport().locale("zh-CN").build()).task();
      assertThat(upgraded.get(task.id()).orElseThrow().locale()).isEqualTo("zh-CN");
    } finally {
      Services.dropTables(dataSource, old);
    }
  }

  /**
   * A table as the store of schema version 3 left it gets the indexes of versions 4 and 5 and loses
   * the ones they retire; a later start does not build a retired index again.
   */
  @Test
  void schema_replacesTheIndexesALaterVersionRetires() throws Exception {
    String old = Services.randomPrefix();
    Dialect dialect = (Dialect) ((JdbcTaskStore) created()).dialect();
    Sql sql = new Sql(dialect, old);
    String table = old + "taskport_task";
    try {
      try (Connection c = dataSource.getConnection();
          Statement st = c.createStatement()) {
        for (String file : List.of(Schema.TASKS, Schema.SCHEDULING)) {
          for (String s : Schema.statements(Schema.script(dialect, file), old)) {
            st.execute(s);
          }
        }
        assertThat(indexes(c, table)).contains(table + "_claim_idx");
      }
      Set<String> retired = Schema.retired(sql, Schema.TASKS);
      Set<String> added = new HashSet<>();
      Pattern create =
          Pattern.compile("CREATE (?:UNIQUE )?INDEX IF NOT EXISTS (\\w+) .*", Pattern.DOTALL);
      for (String file : List.of(Schema.INDEXES, Schema.PARTIAL_KEYS, Schema.RUNNING)) {
        for (String s : Schema.statements(Schema.script(dialect, file), old)) {
          Matcher m = create.matcher(s);
          if (m.matches()) {
            added.add(m.group(1));
          }
        }
      }
      added.removeAll(retired); // built by one version, dropped by a later one
      JdbcTaskStore upgraded =
          JdbcTaskStore.builder(dataSource).tablePrefix(old).createSchema(true).build();
      Schema.create(dataSource, sql, Schema.TASKS);
      try (Connection c = dataSource.getConnection()) {
        Set<String> now = indexes(c, table);
        assertThat(now).filteredOn(retired::contains).isEmpty();
        assertThat(added).isSubsetOf(now);
      }
      var task = upgraded.create(pendingImport().build()).task();
      assertThat(upgraded.get(task.id())).isPresent();
    } finally {
      Services.dropTables(dataSource, old);
    }
  }

  /** The index names of a table, lower case, asking the driver's catalog. */
  private static Set<String> indexes(Connection c, String table) throws Exception {
    Set<String> names = new HashSet<>();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), null, name, false, true)) {
        while (rs.next()) {
          String index = rs.getString("INDEX_NAME");
          if (index != null) {
            names.add(index.toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return names;
  }

  /**
   * Opens the data source once per class, before any test: an unreachable server skips (or in CI
   * fails) the whole class here, before a per-test hook could trip over a missing store.
   */
  @BeforeAll
  void connect() throws Exception {
    dataSource = openDataSource();
  }

  @AfterAll
  void dropTables() throws Exception {
    if (dataSource != null) {
      try {
        Services.dropTables(dataSource, prefix);
      } finally {
        closeDataSource(dataSource);
      }
    }
  }
}
