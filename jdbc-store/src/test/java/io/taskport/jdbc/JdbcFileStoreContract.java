package io.taskport.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.TaskId;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import io.taskport.testkit.FileStoreContract;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link FileStoreContract} on a database, plus what only a database store promises. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcFileStoreContract extends FileStoreContract {
  private final String prefix = Services.randomPrefix();
  private DataSource dataSource;

  protected abstract DataSource openDataSource() throws Exception;

  @Override
  protected FileStore createFileStore() throws Exception {
    return JdbcFileStore.builder(dataSource)
        .tablePrefix(prefix)
        .createSchema(true)
        .chunkSize(chunk())
        .build();
  }

  @Override
  protected void dropFileStore(FileStore files) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM " + prefix + "taskport_file_chunk");
      st.executeUpdate("DELETE FROM " + prefix + "taskport_file");
    }
  }

  @Test
  void read_failsWhenTheFileIsDeletedWhileBeingRead() throws Exception {
    FileRef ref = write(TaskId.random(), bytes(chunk() * 3, 11));
    try (InputStream in = files.open(ref)) {
      in.read();
      files.delete(ref);
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("deleted while it was being read");
    }
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
        if (dataSource instanceof AutoCloseable c) {
          c.close();
        }
      }
    }
  }
}
