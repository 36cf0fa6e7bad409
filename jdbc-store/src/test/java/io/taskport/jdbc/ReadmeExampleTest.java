package io.taskport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.testkit.TaskFixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's snippet, compiled and run (with the H2 dialect instead of PostgreSQL's). */
class ReadmeExampleTest {
  @Test
  void readmeSnippet_buildsBothStores() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + Services.randomPrefix() + ";DB_CLOSE_DELAY=-1");
    DataSource dataSource = h2;
    // --- as in README.md
    JdbcTaskStore store =
        JdbcTaskStore.builder(dataSource)
            .dialect(JdbcDialect.h2()) // README: JdbcDialect.postgresql()
            .tablePrefix("app_")
            .createSchema(true)
            .build();
    JdbcFileStore files =
        JdbcFileStore.builder(dataSource).tablePrefix("app_").createSchema(true).build();
    // ---
    assertThat(store.create(TaskFixtures.pendingExport().build()).created()).isTrue();
    FileRef ref;
    try (FileDraft d = files.create(TaskId.random(), "a.csv", "text/csv")) {
      d.stream().write("a,b\n".getBytes(StandardCharsets.UTF_8));
      ref = d.commit();
    }
    try (InputStream in = files.open(ref)) {
      assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("a,b\n");
    }
  }
}
