package io.taskport.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * Buffers characters in a builder that starts small and encodes them to the stream in chunks.
 * Opening one costs a few hundred bytes, where a {@code BufferedWriter} over an {@code
 * OutputStreamWriter} allocates 24 KB before the first row: that matters for the many small
 * files of a busy node. Not thread-safe; {@link #close()} flushes but leaves the stream open.
 */
final class EncodingWriter extends Writer {
  private static final int CHUNK = 8192;

  private final OutputStream out;
  private final Charset charset;
  private final StringBuilder buffer = new StringBuilder(256);

  EncodingWriter(OutputStream out, Charset charset) {
    this.out = out;
    this.charset = charset;
  }

  @Override
  public void write(int c) throws IOException {
    buffer.append((char) c);
    drainIfFull();
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    buffer.append(chars, off, len);
    drainIfFull();
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    buffer.append(s, off, off + len);
    drainIfFull();
  }

  /** The buffer itself, for writers that append straight into it; call {@link #drainIfFull()}. */
  StringBuilder builder() {
    return buffer;
  }

  void drainIfFull() throws IOException {
    if (buffer.length() >= CHUNK) {
      int n = buffer.length();
      // a surrogate pair must be encoded whole: keep a trailing high surrogate for the next chunk
      if (Character.isHighSurrogate(buffer.charAt(n - 1))) {
        n--;
      }
      drain(n);
    }
  }

  private void drain(int n) throws IOException {
    if (n > 0) {
      out.write(buffer.substring(0, n).getBytes(charset));
      buffer.delete(0, n);
    }
  }

  @Override
  public void flush() throws IOException {
    drain(buffer.length());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
