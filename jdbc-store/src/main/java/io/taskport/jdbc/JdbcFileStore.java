package io.taskport.jdbc;

import static java.util.Objects.requireNonNull;

import io.taskport.StoreException;
import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FileStore} in the database, for nodes that share no disk: each file is a header row in
 * {@code taskport_file} and its content in rows of {@code taskport_file_chunk} of at most {@link
 * Builder#DEFAULT_CHUNK_SIZE} bytes. Content streams both ways, one chunk in memory at a time.
 *
 * <p>A draft's chunks are written as they fill, each with its own short statement, so a slow writer
 * holds no connection between chunks. {@link FileDraft#commit()} writes the last chunk and marks
 * the header complete in one transaction; readers see complete files only. Closing a draft without
 * commit deletes what it wrote, and {@link #deleteAll} also removes drafts left behind by a node
 * that died.
 *
 * <p>Thread-safe. Database failures surface as {@link IOException}s naming the operation, with the
 * {@link java.sql.SQLException} as cause.
 */
public final class JdbcFileStore implements FileStore {
  private static final String INSERT_HEADER =
      """
      INSERT INTO {file} (file_key, task_id, file_name, content_type, complete, created_at)
      VALUES (?, ?, ?, ?, FALSE, {now})\
      """;

  private static final String PUBLISHED =
      "SELECT file_size, chunk_count FROM {file} WHERE file_key = ? AND complete = TRUE";

  private static final String DELETE_CHUNKS = "DELETE FROM {chunk} WHERE file_key = ?";

  private static final String DELETE_HEADER = "DELETE FROM {file} WHERE file_key = ?";

  private static final String DELETE_TASK_CHUNKS =
      "DELETE FROM {chunk} WHERE file_key IN (SELECT file_key FROM {file} WHERE task_id = ?)";

  private static final String DELETE_TASK_HEADERS = "DELETE FROM {file} WHERE task_id = ?";

  private static final String TASKS_WITH_DRAFTS =
      "SELECT DISTINCT task_id FROM {file} WHERE complete = FALSE AND created_at <= {now+?} LIMIT ?";

  private final Jdbc jdbc;
  private final Sql sql;
  private final int chunkSize;
  private final SecureRandom random = new SecureRandom();

  private JdbcFileStore(DataSource dataSource, Sql sql, int chunkSize) {
    this.jdbc = new Jdbc(dataSource);
    this.sql = sql;
    this.chunkSize = chunkSize;
  }

  /** Returns a builder of a file store on the given data source, which the caller keeps. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the header row could not be written
   */
  @Override
  public FileDraft create(TaskId taskId, String fileName, String contentType) throws IOException {
    requireNonNull(taskId, "taskId");
    requireNonNull(fileName, "fileName");
    requireNonNull(contentType, "contentType");
    byte[] b = new byte[16];
    random.nextBytes(b);
    String key = taskId.value() + "/" + HexFormat.of().formatHex(b);
    FileRef draft = new FileRef(key, fileName, 0, contentType);
    io(
        "create file " + key,
        () ->
            jdbc.update(
                "create file " + key,
                sql.of(INSERT_HEADER),
                ps -> {
                  ps.setString(1, key);
                  ps.setString(2, taskId.value());
                  ps.setString(3, fileName);
                  ps.setString(4, contentType);
                }));
    return new JdbcFileDraft(this, draft, new ChunkOutputStream(jdbc, sql, key, chunkSize));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the database fails
   */
  @Override
  public InputStream open(FileRef ref) throws IOException {
    requireNonNull(ref, "ref");
    String op = "open file " + ref.key();
    Optional<long[]> header =
        io(
            op,
            () ->
                jdbc.queryOne(
                    op,
                    sql.of(PUBLISHED),
                    ps -> ps.setString(1, ref.key()),
                    rs -> new long[] {rs.getLong(1), rs.getInt(2)}));
    if (header.isEmpty()) {
      throw new FileNotFoundException("no published file " + ref.key());
    }
    return new ChunkInputStream(jdbc, sql, ref.key(), header.get()[0], (int) header.get()[1]);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the database fails
   */
  @Override
  public boolean delete(FileRef ref) throws IOException {
    requireNonNull(ref, "ref");
    return deleteKey(ref.key());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the database fails
   */
  @Override
  public int deleteAll(TaskId taskId) throws IOException {
    requireNonNull(taskId, "taskId");
    String op = "delete the files of task " + taskId;
    return io(
        op,
        () ->
            jdbc.transaction(
                op,
                c -> {
                  Jdbc.update(c, sql.of(DELETE_TASK_CHUNKS), ps -> ps.setString(1, taskId.value()));
                  return Jdbc.update(
                      c, sql.of(DELETE_TASK_HEADERS), ps -> ps.setString(1, taskId.value()));
                }));
  }

  @Override
  public Set<TaskId> tasksWithDrafts(Duration age, int limit) throws IOException {
    requireNonNull(age, "age");
    String op = "list tasks with drafts";
    List<TaskId> ids =
        io(
            op,
            () ->
                jdbc.query(
                    op,
                    sql.of(TASKS_WITH_DRAFTS),
                    ps -> {
                      ps.setLong(1, -age.toMillis());
                      ps.setInt(2, limit);
                    },
                    rs -> TaskId.of(rs.getString(1))));
    return new LinkedHashSet<>(ids);
  }

  @Override
  public int deleteAllExcept(TaskId taskId, Collection<FileRef> keep) throws IOException {
    requireNonNull(taskId, "taskId");
    requireNonNull(keep, "keep");
    if (keep.isEmpty()) {
      return deleteAll(taskId);
    }
    List<String> kept = keep.stream().map(FileRef::key).toList();
    String notKept = " AND file_key NOT IN (" + "?, ".repeat(kept.size() - 1) + "?)";
    String chunks =
        "DELETE FROM {chunk} WHERE file_key IN (SELECT file_key FROM {file} WHERE task_id = ?"
            + notKept + ")";
    String headers = DELETE_TASK_HEADERS + notKept;
    Jdbc.Binder bind =
        ps -> {
          ps.setString(1, taskId.value());
          for (int k = 0; k < kept.size(); k++) {
            ps.setString(k + 2, kept.get(k));
          }
        };
    String op = "delete the leftover files of task " + taskId;
    return io(
        op,
        () ->
            jdbc.transaction(
                op,
                c -> {
                  Jdbc.update(c, sql.of(chunks), bind);
                  return Jdbc.update(c, sql.of(headers), bind);
                }));
  }


  @Override
  public String toString() {
    return "JdbcFileStore[" + sql.dialect().name() + ", " + sql.table("taskport_file") + "]";
  }

  boolean deleteKey(String key) throws IOException {
    String op = "delete file " + key;
    int n =
        io(
            op,
            () ->
                jdbc.transaction(
                    op,
                    c -> {
                      Jdbc.update(c, sql.of(DELETE_CHUNKS), ps -> ps.setString(1, key));
                      return Jdbc.update(c, sql.of(DELETE_HEADER), ps -> ps.setString(1, key));
                    }));
    return Jdbc.one(op, n);
  }

  /** A database call whose {@link StoreException} becomes an {@link IOException}. */
  @FunctionalInterface
  interface Call<T> {
    T call();
  }

  static <T> T io(String op, Call<T> call) throws IOException {
    try {
      return call.call();
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e.getCause() != null ? e.getCause() : e);
    }
  }

  /** Builds a {@link JdbcFileStore}. Not thread-safe. */
  public static final class Builder {
    /** The default chunk size: 256 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;

    /** The largest chunk size; H2's column holds up to this many bytes. */
    public static final int MAX_CHUNK_SIZE = 1_000_000;

    private final DataSource dataSource;
    private @Nullable JdbcDialect dialect;
    private String tablePrefix = "";
    private boolean createSchema;
    private int chunkSize = DEFAULT_CHUNK_SIZE;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** Sets the dialect; by default it is detected from the database on {@link #build()}. */
    public Builder dialect(JdbcDialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Sets a prefix for the table and index names.
     *
     * @throws IllegalArgumentException unless empty or {@code [a-z][a-z0-9_]{0,29}}
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = Sql.checkPrefix(requireNonNull(tablePrefix, "tablePrefix"));
      return this;
    }

    /** Sets whether {@link #build()} creates the two tables if they are missing. */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * Sets the most bytes per chunk row.
     *
     * @throws IllegalArgumentException unless 1,024 to {@value #MAX_CHUNK_SIZE}
     */
    public Builder chunkSize(int chunkSize) {
      if (chunkSize < 1024 || chunkSize > MAX_CHUNK_SIZE) {
        throw new IllegalArgumentException(
            "chunkSize must be 1024 to " + MAX_CHUNK_SIZE + ", was " + chunkSize);
      }
      this.chunkSize = chunkSize;
      return this;
    }

    /**
     * Builds the store, detecting the dialect and creating the schema if asked to.
     *
     * @throws IllegalArgumentException if the database is not supported
     * @throws StoreException if the database cannot be reached or the schema not created
     */
    public JdbcFileStore build() {
      Dialect d = (Dialect) (dialect != null ? dialect : JdbcDialect.detect(dataSource));
      Sql sql = new Sql(d, tablePrefix);
      if (createSchema) {
        Schema.create(dataSource, sql, Schema.FILES);
      }
      return new JdbcFileStore(dataSource, sql, chunkSize);
    }
  }
}
