package io.taskport.examples.quickstart;

import io.taskport.handler.RowMapping;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads rows into PostgreSQL with {@code COPY ... FROM STDIN}, streaming each batch as COPY text
 * (the fastest way in; exactly once under retries, see {@link TableImport}). Values are written
 * in PostgreSQL's input syntax: {@code null} as {@code \N}; text with backslash, tab, newline and
 * carriage return escaped, every other character (quotes, non-BMP characters) as UTF-8;
 * numbers, dates and date-times as their ISO text, {@link Instant} in UTC. Text that holds NUL,
 * which PostgreSQL cannot store, fails the batch. The connection's pool must hand out PostgreSQL
 * connections (unwrapped with {@code unwrap(PGConnection.class)}).
 *
 * @param <R> the row type
 */
public class CopyImport<R> extends TableImport<R> {
  private final String copy;

  /**
   * Creates the handler; see {@link TableImport#TableImport} for the arguments. Batches of 10,000
   * to 50,000 rows keep the cost of a transaction small.
   */
  public CopyImport(String type, RowMapping<R> mapping, DataSource dataSource, String table,
      List<String> columns, Function<R, List<?>> values, String progressTable, int batchSize) {
    super(type, mapping, dataSource, table, columns, values, progressTable, batchSize);
    this.copy = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
  }

  @Override
  protected void load(Connection c, List<R> rows) throws Exception {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
    boolean done = false;
    try {
      CopyText out = new CopyText(in);
      int n = columns().size();
      for (R row : rows) {
        List<?> v = values(row);
        if (v.size() != n) {
          throw new IllegalStateException(
              "values gave " + v.size() + " values for " + n + " columns " + columns());
        }
        for (int i = 0; i < n; i++) {
          out.value(v.get(i));
          out.separator(i + 1 < n ? '\t' : '\n');
        }
      }
      out.flush();
      in.endCopy();
      done = true;
    } finally {
      if (!done && in.isActive()) {
        in.cancelCopy();
      }
    }
  }
}
