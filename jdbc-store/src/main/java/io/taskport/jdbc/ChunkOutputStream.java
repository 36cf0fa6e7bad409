package io.taskport.jdbc;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Writes a draft's content in chunk rows: one buffer of {@code chunkSize} bytes, written with its
 * own short statement whenever it fills. {@link #close()} only stops writing; {@link #publish}
 * writes the last chunk and marks the header complete in one transaction.
 */
final class ChunkOutputStream extends OutputStream {
  private static final String INSERT_CHUNK =
      "INSERT INTO {chunk} (file_key, seq, data) VALUES (?, ?, ?)";

  private static final String COMPLETE =
      """
      UPDATE {file} SET complete = TRUE, file_size = ?, chunk_count = ?
      WHERE file_key = ? AND complete = FALSE\
      """;

  private final Jdbc jdbc;
  private final Sql sql;
  private final String key;
  private final byte[] buffer;
  private int filled;
  private int chunks;
  private long size;
  private boolean closed;

  ChunkOutputStream(Jdbc jdbc, Sql sql, String key, int chunkSize) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.key = key;
    this.buffer = new byte[chunkSize];
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (filled == buffer.length) {
      flushChunk();
    }
    buffer[filled++] = (byte) b;
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    while (len > 0) {
      if (filled == buffer.length) {
        flushChunk();
      }
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      size += n;
      off += n;
      len -= n;
    }
  }

  /** Stops writing; does not publish. */
  @Override
  public void close() {
    closed = true;
  }

  /**
   * Writes what is buffered and marks the header complete, in one transaction.
   *
   * @return the size of the file
   */
  long publish() throws IOException {
    closed = true;
    String op = "publish file " + key;
    int marked =
        JdbcFileStore.io(
            op,
            () ->
                jdbc.transaction(
                    op,
                    c -> {
                      int count = chunks;
                      if (filled > 0) {
                        insertChunk(c, count++);
                      }
                      int n = count;
                      return Jdbc.update(
                          c,
                          sql.of(COMPLETE),
                          ps -> {
                            ps.setLong(1, size);
                            ps.setInt(2, n);
                            ps.setString(3, key);
                          });
                    }));
    if (!Jdbc.one(op, marked)) {
      throw new IOException("file " + key + " was deleted while it was being written");
    }
    return size;
  }

  private void flushChunk() throws IOException {
    String op = "write chunk " + chunks + " of file " + key;
    JdbcFileStore.io(
        op,
        () ->
            jdbc.transaction(
                op,
                c -> {
                  insertChunk(c, chunks);
                  return null;
                }));
    chunks++;
    filled = 0;
  }

  private void insertChunk(Connection c, int seq) throws SQLException {
    byte[] data = filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled);
    Jdbc.update(
        c,
        sql.of(INSERT_CHUNK),
        ps -> {
          ps.setString(1, key);
          ps.setInt(2, seq);
          ps.setBytes(3, data);
        });
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the stream of file " + key + " is closed");
    }
  }
}
