package io.taskport.excel;

import io.taskport.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies an upload to a temp file, stopping at the byte limit. */
final class TempCopy {
  private TempCopy() {}

  static Path of(InputStream in, String suffix, long maxBytes) throws IOException {
    Path file = Files.createTempFile("taskport-", suffix);
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = in.read(buf)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new LimitExceededException("maxBytes", maxBytes, -1, null);
        }
        out.write(buf, 0, n);
      }
      return file;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(8);
    }
  }
}
