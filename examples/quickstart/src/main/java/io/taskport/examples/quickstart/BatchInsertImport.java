package io.taskport.examples.quickstart;

import io.taskport.handler.RowMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Loads rows with JDBC batch inserts, on any database; exactly once under retries (see {@link
 * TableImport}). With PostgreSQL, add {@code reWriteBatchedInserts=true} to the JDBC URL so that
 * a batch travels as multi-row inserts.
 *
 * @param <R> the row type
 */
public class BatchInsertImport<R> extends TableImport<R> {
  private final String insert;

  /**
   * Creates the handler; see {@link TableImport#TableImport} for the arguments. 1,000 rows per
   * batch are a good start.
   */
  public BatchInsertImport(String type, RowMapping<R> mapping, DataSource dataSource, String table,
      List<String> columns, Function<R, List<?>> values, String progressTable, int batchSize) {
    super(type, mapping, dataSource, table, columns, values, progressTable, batchSize);
    this.insert = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
  }

  @Override
  protected void load(Connection c, List<R> rows) throws Exception {
    int n = columns().size();
    try (PreparedStatement s = c.prepareStatement(insert)) {
      for (R row : rows) {
        List<?> v = values(row);
        if (v.size() != n) {
          throw new IllegalStateException(
              "values gave " + v.size() + " values for " + n + " columns " + columns());
        }
        for (int i = 0; i < n; i++) {
          Object o = v.get(i);
          // the JDBC driver takes OffsetDateTime where it does not take Instant
          s.setObject(i + 1, o instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : o);
        }
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
