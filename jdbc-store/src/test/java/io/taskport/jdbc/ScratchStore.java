package io.taskport.jdbc;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A store on tables of a random prefix of its own, for one test: built before it, its tables
 * dropped after it. Register it as a field with {@code @RegisterExtension}.
 */
final class ScratchStore implements BeforeEachCallback, AfterEachCallback {
  final String prefix = Services.randomPrefix();
  private final Supplier<DataSource> open;
  DataSource ds;
  JdbcTaskStore store;

  ScratchStore(Supplier<DataSource> open) {
    this.open = open;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ds = open.get();
    store = JdbcTaskStore.builder(ds).tablePrefix(prefix).createSchema(true).build();
  }

  /** Closes the store, drops its tables and closes the data source if it is a pool. */
  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (store == null) {
      return;
    }
    store.close();
    Services.dropTables(ds, prefix);
    if (ds instanceof AutoCloseable c) {
      c.close();
    }
  }
}
