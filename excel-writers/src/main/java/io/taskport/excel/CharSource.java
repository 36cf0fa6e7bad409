package io.taskport.excel;

import io.taskport.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a byte stream chunk by chunk with a strict decoder. Characters before a bad byte are
 * delivered first; the error is thrown only when the reader asks for more, so that the caller
 * knows the row it is in. A leading UTF-8 or UTF-16 byte-order mark picks the charset.
 */
final class CharSource {
  static final int CHUNK = 1 << 16;
  private final InputStream in;
  private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
  private final CharsetDecoder decoder;
  private final CharBuffer chars = CharBuffer.allocate(CHUNK);
  private boolean bytesEnded;
  private boolean flushed;
  private @Nullable CoderResult pending;
  private final boolean utf8;

  CharSource(InputStream in, Charset fallback) throws IOException {
    this.in = in;
    bytes.limit(0);
    while (bytes.limit() < 3 && readBytes()) {
      // fill at least the size of a byte-order mark
    }
    Charset charset = fallback;
    int b0 = byteAt(0);
    int b1 = byteAt(1);
    if (b0 == 0xEF && b1 == 0xBB && byteAt(2) == 0xBF) {
      charset = StandardCharsets.UTF_8;
      bytes.position(3);
    } else if (b0 == 0xFE && b1 == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      bytes.position(2);
    } else if (b0 == 0xFF && b1 == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      bytes.position(2);
    }
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.utf8 = charset.equals(StandardCharsets.UTF_8);
    chars.limit(0);
  }

  private int byteAt(int i) {
    return bytes.limit() > i ? bytes.get(i) & 0xFF : -1;
  }

  /** Appends more bytes after those not yet decoded; false at the end of the stream. */
  private boolean readBytes() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n > 0) {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
    if (n < 0) {
      bytesEnded = true;
      return false;
    }
    return true;
  }

  /** Returns the buffer to read from; its limit is the end of the decoded characters. */
  char[] array() {
    return chars.array();
  }

  /**
   * Decodes the next chunk into {@link #array()} from index 0.
   *
   * @return the number of characters, or -1 at the end
   * @throws FormatException naming the row when the bytes are not valid in the charset
   */
  int fill(long row) throws IOException {
    chars.clear();
    while (chars.position() == 0) {
      if (pending != null) {
        throw new FormatException(
            Texts.key("csv.badBytes", decoder.charset().name(), row),
            row,
            null,
            null);
      }
      if (flushed) {
        return -1;
      }
      CoderResult r = utf8 ? decodeUtf8() : decoder.decode(bytes, chars, bytesEnded);
      if (r.isError()) {
        pending = r;
      } else if (r.isUnderflow()) {
        if (bytesEnded) {
          decoder.flush(chars);
          flushed = true;
        } else if (chars.position() == 0 || bytes.remaining() < 4) {
          readBytes();
        }
      }
    }
    int n = chars.position();
    chars.flip();
    return n;
  }

  /**
   * Decodes UTF-8 as {@code decoder.decode(bytes, chars, bytesEnded)} does, copying runs of
   * ASCII directly: the JDK's decoder falls back to a byte-at-a-time loop after the first
   * non-ASCII character of a chunk. Every non-ASCII byte still goes through the strict decoder,
   * together with the byte after its run, so that a truncated sequence is reported.
   */
  private CoderResult decodeUtf8() {
    byte[] b = bytes.array();
    char[] c = chars.array();
    int sp = bytes.position();
    int sl = bytes.limit();
    int dp = chars.position();
    int dl = chars.limit();
    while (true) {
      int end = sp + Math.min(sl - sp, dl - dp);
      while (sp < end && b[sp] >= 0) {
        c[dp++] = (char) b[sp++];
      }
      if (sp == sl || dp == dl) {
        bytes.position(sp);
        chars.position(dp);
        if (sp == sl) {
          return bytesEnded ? decoder.decode(bytes, chars, true) : CoderResult.UNDERFLOW;
        }
        return CoderResult.OVERFLOW;
      }
      int next = sp + 1;
      while (next < sl && b[next] < 0) {
        next++;
      }
      bytes.position(sp).limit(Math.min(sl, next + 1));
      chars.position(dp);
      CoderResult r = decoder.decode(bytes, chars, bytesEnded);
      bytes.limit(sl);
      if (r.isError() || r.isOverflow() || bytes.position() == sp) {
        return r;
      }
      sp = bytes.position();
      dp = chars.position();
    }
  }
}
