package io.taskport.excel;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip stream over the caller's stream that never closes it, and that can be abandoned: {@link
 * #abandon()} frees the deflater without writing the central directory.
 */
final class ZipSink extends ZipOutputStream {
  ZipSink(OutputStream out, int level) {
    super(new BufferedOutputStream(new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush(); // the caller owns the stream
      }
    }, 1 << 16));
    setLevel(level);
    buf = new byte[1 << 14]; // fewer, larger writes than the default 512 bytes
  }

  void entry(String name) throws IOException {
    putNextEntry(new ZipEntry(name));
  }

  /** Releases the deflater; the stream is left as it is and this sink is unusable. */
  void abandon() {
    def.end();
  }
}
