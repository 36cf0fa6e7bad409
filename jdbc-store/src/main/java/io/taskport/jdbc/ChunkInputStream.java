package io.taskport.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/** Reads a published file chunk by chunk, each chunk with its own short query. */
final class ChunkInputStream extends InputStream {
  private static final String CHUNK = "SELECT data FROM {chunk} WHERE file_key = ? AND seq = ?";

  private final Jdbc jdbc;
  private final Sql sql;
  private final String key;
  private final long size;
  private final int chunkCount;
  private byte[] chunk = new byte[0];
  private int pos;
  private int next;
  private long read;
  private boolean closed;

  ChunkInputStream(Jdbc jdbc, Sql sql, String key, long size, int chunkCount) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.key = key;
    this.size = size;
    this.chunkCount = chunkCount;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    read++;
    return chunk[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    read += n;
    return n;
  }

  @Override
  public int available() {
    return closed ? 0 : chunk.length - pos;
  }

  @Override
  public void close() {
    closed = true;
    chunk = new byte[0];
  }

  /** Makes sure bytes are buffered; returns false at the end of the file. */
  private boolean fill() throws IOException {
    if (closed) {
      throw new IOException("the stream of file " + key + " is closed");
    }
    while (pos == chunk.length) {
      if (next == chunkCount) {
        if (read != size) {
          throw new IOException("file " + key + " ended after " + read + " of " + size + " bytes");
        }
        return false;
      }
      int seq = next;
      String op = "read chunk " + seq + " of file " + key;
      Optional<byte[]> data =
          JdbcFileStore.io(
              op,
              () ->
                  jdbc.queryOne(
                      op,
                      sql.of(CHUNK),
                      ps -> {
                        ps.setString(1, key);
                        ps.setInt(2, seq);
                      },
                      rs -> rs.getBytes(1)));
      if (data.isEmpty()) {
        throw new IOException("file " + key + " was deleted while it was being read");
      }
      chunk = data.get();
      pos = 0;
      next++;
    }
    return true;
  }
}
