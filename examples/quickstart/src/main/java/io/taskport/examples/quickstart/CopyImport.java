package io.taskport.examples.quickstart;

import io.taskport.handler.RowMapping;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

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
      OutputStream out = new PGCopyOutputStream(in, 1 << 16);
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      StringBuilder line = new StringBuilder(256);
      for (R row : rows) {
        line.setLength(0);
        appendRow(line, values(row), columns().size());
        w.append(line);
      }
      w.flush();
      out.close(); // ends the COPY
      done = true;
    } finally {
      if (!done && in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private void appendRow(StringBuilder b, List<?> v, int n) {
    if (v.size() != n) {
      throw new IllegalStateException(
          "values gave " + v.size() + " values for " + n + " columns " + columns());
    }
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append('\t');
      }
      append(b, v.get(i));
    }
    b.append('\n');
  }

  /** Appends one value in COPY text syntax. */
  static void append(StringBuilder b, Object o) {
    if (o == null) {
      b.append("\\N");
    } else if (o instanceof BigDecimal d) {
      b.append(d.toPlainString());
    } else if (o instanceof Boolean t) {
      b.append(t ? 't' : 'f');
    } else if (o instanceof Instant t) {
      b.append(t.atOffset(ZoneOffset.UTC));
    } else if (o instanceof Number || o instanceof java.time.temporal.Temporal) {
      b.append(o);
    } else {
      escape(b, o.toString());
    }
  }

  private static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\0' -> throw new IllegalArgumentException(
            "text holds a NUL character, which PostgreSQL cannot store; remove it from the file");
        default -> b.append(ch);
      }
    }
  }
}
