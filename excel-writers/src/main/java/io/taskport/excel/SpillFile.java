package io.taskport.excel;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only temp file that is memory-mapped once written, so its contents live off the
 * heap. Mapped in 1 GiB pieces; reads may cross a piece boundary.
 */
final class SpillFile implements AutoCloseable {
  private static final int PIECE_BITS = 30;
  private static final int PIECE = 1 << PIECE_BITS;
  private final Path path;
  private @org.jspecify.annotations.Nullable DataOutputStream out;
  private long size;
  private MappedByteBuffer[] pieces = new MappedByteBuffer[0];

  SpillFile(String suffix) throws IOException {
    this.path = Files.createTempFile("taskport-", suffix);
    try {
      this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(path);
      throw e;
    }
  }

  long size() {
    return size;
  }

  DataOutputStream out() {
    return java.util.Objects.requireNonNull(out, "spill file is finished");
  }

  void wrote(long bytes) {
    size += bytes;
  }

  /** Ends writing and maps the file. */
  void finish() throws IOException {
    DataOutputStream o = out();
    o.close();
    out = null;
    int count = (int) ((size + PIECE - 1) >>> PIECE_BITS);
    pieces = new MappedByteBuffer[count];
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      for (int i = 0; i < count; i++) {
        long start = (long) i << PIECE_BITS;
        pieces[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(PIECE, size - start));
      }
    }
  }

  long getLong(long pos) {
    int p = (int) (pos >>> PIECE_BITS);
    int off = (int) (pos & (PIECE - 1));
    if (off <= PIECE - 8) {
      return pieces[p].getLong(off);
    }
    byte[] b = new byte[8];
    read(pos, b, 8);
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }

  void read(long pos, byte[] dst, int length) {
    int done = 0;
    while (done < length) {
      long at = pos + done;
      int p = (int) (at >>> PIECE_BITS);
      int off = (int) (at & (PIECE - 1));
      int n = Math.min(length - done, pieces[p].limit() - off);
      pieces[p].get(off, dst, done, n);
      done += n;
    }
  }

  @Override
  public void close() throws IOException {
    pieces = new MappedByteBuffer[0];
    try {
      if (out != null) {
        out.close();
      }
    } finally {
      out = null;
      Files.deleteIfExists(path); // on Linux and macOS the mapping outlives the name
    }
  }
}
