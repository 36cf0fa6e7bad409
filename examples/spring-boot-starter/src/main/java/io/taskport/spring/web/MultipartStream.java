package io.taskport.spring.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a multipart body, read through one buffer: headers line by line with a bound, and
 * each part's content up to the next delimiter ({@code CRLF--boundary}). A body that ends before
 * its closing delimiter is refused as truncated.
 */
final class MultipartStream {
  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int lim;
  private boolean eof;
  private boolean last;
  private long fileBytes;

  MultipartStream(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    // the first delimiter may open the body without a CRLF before it
    buf[0] = '\r';
    buf[1] = '\n';
    lim = 2;
  }

  /** Skips to the first delimiter; false if the body has none. */
  boolean skipPreamble() throws IOException {
    byte[] sink = new byte[4096];
    long skipped = 0;
    try {
      for (int n = readPart(sink, 0, sink.length); n >= 0; n = readPart(sink, 0, sink.length)) {
        skipped += n;
        if (skipped > MultipartUpload.OVERHEAD) {
          return false;
        }
      }
    } catch (MultipartUpload.Refused truncated) {
      return false;
    }
    return true;
  }

  /** Whether the delimiter just read closed the body. */
  boolean last() {
    return last;
  }

  void countFile(long bytes) {
    fileBytes = bytes;
  }

  long fileBytes() {
    return fileBytes;
  }

  /**
   * Reads the headers of the next part, up to and without the empty line that ends them.
   *
   * @throws MultipartUpload.Refused if they pass {@code max} bytes or the body ends among them
   */
  String readHeaders(int max) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] line = new byte[max];
    int total = 0;
    while (true) {
      int n = 0;
      while (true) {
        if (!ensure(1)) {
          throw truncated();
        }
        byte b = buf[pos++];
        if (++total > max) {
          throw MultipartUpload.badRequest("upload.headersTooLong", max);
        }
        if (b == '\n') {
          break;
        }
        line[n++] = b;
      }
      if (n > 0 && line[n - 1] == '\r') {
        n--;
      }
      if (n == 0) {
        return text.toString();
      }
      text.append(new String(line, 0, n, StandardCharsets.UTF_8)).append('\n');
    }
  }

  /**
   * Reads content of the current part; -1 once its closing delimiter is reached (which is then
   * consumed, with the CRLF or the {@code --} after it).
   */
  int readPart(byte[] out, int off, int len) throws IOException {
    while (true) {
      ensure(delimiter.length);
      int found = indexOfDelimiter();
      if (found == pos) {
        pos += delimiter.length;
        afterDelimiter();
        return -1;
      }
      int safe = found >= 0 ? found - pos : lim - pos - (delimiter.length - 1);
      if (safe > 0) {
        int n = Math.min(safe, len);
        System.arraycopy(buf, pos, out, off, n);
        pos += n;
        return n;
      }
      if (eof) {
        throw truncated();
      }
    }
  }

  private void afterDelimiter() throws IOException {
    if (!ensure(2)) {
      throw truncated();
    }
    if (buf[pos] == '-' && buf[pos + 1] == '-') {
      pos += 2;
      last = true;
      return;
    }
    // transport padding, then CRLF
    while (true) {
      if (!ensure(1)) {
        throw truncated();
      }
      byte b = buf[pos++];
      if (b == '\n') {
        return;
      }
      if (b != ' ' && b != '\t' && b != '\r') {
        throw MultipartUpload.badRequest("upload.badBoundary");
      }
    }
  }

  private int indexOfDelimiter() {
    int end = lim - delimiter.length;
    for (int i = pos; i <= end; i++) {
      if (buf[i] == '\r' && matchesAt(i)) {
        return i;
      }
    }
    return -1;
  }

  private boolean matchesAt(int i) {
    for (int j = 1; j < delimiter.length; j++) {
      if (buf[i + j] != delimiter[j]) {
        return false;
      }
    }
    return true;
  }

  /** Fills the buffer until it holds {@code n} unread bytes or the body ends; false if fewer. */
  private boolean ensure(int n) throws IOException {
    while (lim - pos < n && !eof) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
      }
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        eof = true;
      } else {
        lim += r;
      }
    }
    return lim - pos >= n;
  }

  private static MultipartUpload.Refused truncated() {
    return MultipartUpload.badRequest("upload.truncated");
  }
}
