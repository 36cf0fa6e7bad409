package io.taskport.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes XML as UTF-8 bytes into a buffer that drains to a stream: text is escaped and encoded in
 * one pass, numbers are written without allocating. Characters XML 1.0 forbids (controls other
 * than tab, LF and CR, U+FFFE and U+FFFF) become Excel's {@code _xHHHH_} escapes, which Excel,
 * LibreOffice, POI and Taskport's reader decode; a literal {@code _xHHHH_} in the text is
 * protected as {@code _x005F_xHHHH_}. CR is written as {@code &#13;} so that XML line-end
 * normalisation keeps it. An unpaired surrogate becomes U+FFFD. Not thread-safe.
 */
final class XmlOut {
  private static final int SIZE = 1 << 16;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final byte[] buf = new byte[SIZE];
  private int pos;
  private OutputStream out;

  XmlOut(OutputStream out) {
    this.out = out;
  }

  /** Drains the buffer and sends later bytes to another stream. */
  void target(OutputStream next) throws IOException {
    drain();
    out = next;
  }

  void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }

  private void room(int n) throws IOException {
    if (pos + n > SIZE) {
      drain();
    }
  }

  /** Writes pre-encoded bytes, such as markup. */
  XmlOut raw(byte[] b) throws IOException {
    if (b.length > SIZE) {
      drain();
      out.write(b);
      return this;
    }
    room(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  /** Writes markup that is plain ASCII and needs no escaping. */
  XmlOut ascii(String s) throws IOException {
    return raw(s.getBytes(StandardCharsets.US_ASCII));
  }

  XmlOut ch(char c) throws IOException {
    room(1);
    buf[pos++] = (byte) c;
    return this;
  }

  /** Writes a whole number in decimal. */
  XmlOut number(long v) throws IOException {
    room(20);
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return ascii("-9223372036854775808");
      }
      buf[pos++] = '-';
      v = -v;
    }
    int end = pos + digits(v);
    int i = end;
    do {
      buf[--i] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    pos = end;
    return this;
  }

  /** Writes {@code unscaled / 10^scale} as a plain decimal, {@code 0 <= scale <= 18}. */
  XmlOut decimal(long unscaled, int scale) throws IOException {
    if (scale == 0) {
      return number(unscaled);
    }
    room(42);
    if (unscaled < 0) {
      buf[pos++] = '-';
      unscaled = -unscaled;
    }
    long pow = TENS[scale];
    number(unscaled / pow);
    buf[pos++] = '.';
    long frac = unscaled % pow;
    for (int i = scale - 1; i >= 0; i--) {
      buf[pos + i] = (byte) ('0' + frac % 10);
      frac /= 10;
    }
    pos += scale;
    return this;
  }

  static final long[] TENS = new long[19];

  static {
    TENS[0] = 1;
    for (int i = 1; i < TENS.length; i++) {
      TENS[i] = TENS[i - 1] * 10;
    }
  }

  private static int digits(long v) {
    int n = 1;
    while (n < 19 && v >= TENS[n]) {
      n++;
    }
    return n;
  }

  /** Writes element text, escaped and UTF-8 encoded. */
  XmlOut text(String s) throws IOException {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (pos + 8 > SIZE) {
        drain();
      }
      char c = s.charAt(i);
      if (c < 0x80) {
        if ((c > '>' && c != '_') || (c >= ' ' && c < '<' && c != '&')) {
          buf[pos++] = (byte) c; // needs no escape
        } else {
          ascii(s, i, c);
        }
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xC0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        char d = i + 1 < n ? s.charAt(i + 1) : 0;
        if (Character.isHighSurrogate(c) && Character.isLowSurrogate(d)) {
          int cp = Character.toCodePoint(c, d);
          buf[pos++] = (byte) (0xF0 | (cp >> 18));
          buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[pos++] = (byte) (0x80 | (cp & 0x3F));
          i++;
        } else {
          three('\uFFFD');
        }
      } else if (c >= '\uFFFE') {
        escape(c);
      } else {
        three(c);
      }
    }
    return this;
  }

  private void ascii(String s, int i, char c) {
    switch (c) {
      case '<' -> entity('l', 't');
      case '>' -> entity('g', 't');
      case '&' -> {
        buf[pos++] = '&';
        buf[pos++] = 'a';
        buf[pos++] = 'm';
        buf[pos++] = 'p';
        buf[pos++] = ';';
      }
      case '\r' -> {
        buf[pos++] = '&';
        buf[pos++] = '#';
        buf[pos++] = '1';
        buf[pos++] = '3';
        buf[pos++] = ';';
      }
      case '\t', '\n' -> buf[pos++] = (byte) c;
      case '_' -> {
        if (isEscapeAt(s, i)) {
          escape('_');
        } else {
          buf[pos++] = '_';
        }
      }
      default -> {
        if (c < 0x20) {
          escape(c);
        } else {
          buf[pos++] = (byte) c;
        }
      }
    }
  }

  private void entity(char a, char b) {
    buf[pos++] = '&';
    buf[pos++] = (byte) a;
    buf[pos++] = (byte) b;
    buf[pos++] = ';';
  }

  private void three(char c) {
    buf[pos++] = (byte) (0xE0 | (c >> 12));
    buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
    buf[pos++] = (byte) (0x80 | (c & 0x3F));
  }

  private void escape(char c) {
    buf[pos++] = '_';
    buf[pos++] = 'x';
    buf[pos++] = HEX[(c >> 12) & 0xF];
    buf[pos++] = HEX[(c >> 8) & 0xF];
    buf[pos++] = HEX[(c >> 4) & 0xF];
    buf[pos++] = HEX[c & 0xF];
    buf[pos++] = '_';
  }

  /** Whether {@code _xHHHH_} starts at {@code i}, which readers would decode. */
  static boolean isEscapeAt(String s, int i) {
    if (i + 7 > s.length() || s.charAt(i + 1) != 'x' || s.charAt(i + 6) != '_') {
      return false;
    }
    for (int k = i + 2; k < i + 6; k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns text escaped for a double-quoted attribute value (not on the hot path). */
  static String attr(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
