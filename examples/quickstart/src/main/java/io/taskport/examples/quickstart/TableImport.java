package io.taskport.examples.quickstart;

import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Loads an import's rows into a database table, exactly once even when the task is retried.
 *
 * <p>Each batch is loaded in its own transaction, together with an update of the task's row in a
 * progress table ({@link #progressTableDdl()}): the attempt loading the task, where that attempt is, and how
 * many rows the table holds. Taskport
 * resumes a retried import after the last batch it saw accepted; when an attempt died after its
 * batch committed but before Taskport saved that, the retry hands the batch again, and the
 * progress row says how many of its rows are already in the table, so they are skipped. A batch
 * from an older attempt that is still running after losing its lease is refused. Subclasses only
 * write rows: {@link BatchInsertImport} with JDBC batches, {@link CopyImport} with PostgreSQL's
 * {@code COPY}.
 *
 * @param <R> the row type
 */
public abstract class TableImport<R> implements ImportHandler<Map<String, Object>, R> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final String type;
  private final RowMapping<R> mapping;
  private final DataSource dataSource;
  private final String table;
  private final List<String> columns;
  private final Function<R, List<?>> values;
  private final String progressTable;
  private final int batchSize;

  /**
   * Creates the handler.
   *
   * @param type the import type, as submitted
   * @param mapping how the file's columns map to the row type
   * @param dataSource where the table is
   * @param table the table rows are loaded into
   * @param columns the table's columns, in the order {@code values} gives them
   * @param values a row's values for {@code columns}; {@code null} for SQL NULL
   * @param progressTable the progress table (see the class comment)
   * @param batchSize rows per batch and transaction
   */
  protected TableImport(String type, RowMapping<R> mapping, DataSource dataSource, String table,
      List<String> columns, Function<R, List<?>> values, String progressTable, int batchSize) {
    this.type = Objects.requireNonNull(type, "type");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.table = name(table, "table");
    this.columns = List.copyOf(columns);
    this.columns.forEach(c -> name(c, "column"));
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("columns must not be empty");
    }
    this.values = Objects.requireNonNull(values, "values");
    this.progressTable = name(progressTable, "progressTable");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
    }
    this.batchSize = batchSize;
  }

  private static String name(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " must be a plain SQL name such as accounts or app.accounts: " + name);
    }
    return name;
  }

  /** Returns the DDL of the progress table this handler expects. */
  public String progressTableDdl() {
    return "create table if not exists " + progressTable
        + " (task_id varchar(64) primary key, attempt int not null,"
        + " position bigint not null, loaded bigint not null)";
  }

  @Override
  public String type() {
    return type;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  public Class<Map<String, Object>> paramsType() {
    return (Class) Map.class;
  }

  @Override
  public RowMapping<R> mapping() {
    return mapping;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  /** Returns the table rows are loaded into. */
  protected String table() {
    return table;
  }

  /** Returns the table's columns. */
  protected List<String> columns() {
    return columns;
  }

  /** Returns a row's values, in the order of {@link #columns()}. */
  protected List<?> values(R row) {
    return values.apply(row);
  }

  @Override
  public final void accept(ImportContext<Map<String, Object>> ctx, List<R> batch)
      throws Exception {
    String task = ctx.taskId().toString();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long loaded = -1;
        long position = 0;
        int attempt = 0;
        try (PreparedStatement s = c.prepareStatement(
            "select attempt, position, loaded from " + progressTable + " where task_id = ? for update")) {
          s.setString(1, task);
          try (ResultSet r = s.executeQuery()) {
            if (r.next()) {
              attempt = r.getInt(1);
              position = r.getLong(2);
              loaded = r.getLong(3);
            }
          }
        }
        if (attempt > ctx.attempt()) {
          throw new IllegalStateException("attempt " + ctx.attempt() + " of task " + task
              + " is stale: attempt " + attempt + " is loading it");
        }
        // A batch continues where this attempt left off; an attempt's first batch starts at
        // the rows Taskport saw accepted, which may be fewer than the table holds.
        long start = attempt == ctx.attempt() ? position : ctx.acceptedRows();
        long skip = Math.max(0, Math.min(batch.size(), Math.max(loaded, 0) - start));
        if (skip < batch.size()) {
          load(c, batch.subList((int) skip, batch.size()));
        }
        long end = start + batch.size();
        saveProgress(c, task, ctx.attempt(), end, Math.max(loaded, end), loaded < 0);
        c.commit();
      } catch (Exception | Error e) {
        c.rollback();
        throw e;
      }
    }
  }

  private void saveProgress(Connection c, String task, int attempt, long position, long loaded,
      boolean insert) throws SQLException {
    String sql = insert
        ? "insert into " + progressTable
            + " (attempt, position, loaded, task_id) values (?, ?, ?, ?)"
        : "update " + progressTable
            + " set attempt = ?, position = ?, loaded = ? where task_id = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, attempt);
      s.setLong(2, position);
      s.setLong(3, loaded);
      s.setString(4, task);
      s.executeUpdate();
    }
  }

  /**
   * Writes rows into {@link #table()} on {@code c}, inside the batch's transaction; do not commit.
   *
   * @throws Exception to roll the batch back; the task fails or is retried
   */
  protected abstract void load(Connection c, List<R> rows) throws Exception;
}
