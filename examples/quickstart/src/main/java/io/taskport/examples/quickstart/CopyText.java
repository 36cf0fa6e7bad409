package io.taskport.examples.quickstart;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.postgresql.copy.CopyIn;

/**
 * Writes values as PostgreSQL COPY text straight into a reusable byte buffer, encoded as UTF-8,
 * and hands the buffer to {@link CopyIn#writeToCopy} each time it fills: no string per row, nor
 * per whole number, boolean, date or date-time.
 */
final class CopyText {
  private final byte[] buf = new byte[1 << 16];
  private final CopyIn in;
  private int pos;

  CopyText(CopyIn in) {
    this.in = in;
  }

  /** Appends one value: {@code null} as {@code \N}, text escaped, the rest in ISO syntax. */
  void value(Object o) throws SQLException {
    if (o == null) {
      room(2);
      buf[pos++] = '\\';
      buf[pos++] = 'N';
    } else if (o instanceof String s) {
      text(s);
    } else if (o instanceof Long || o instanceof Integer || o instanceof Short
        || o instanceof Byte) {
      whole(((Number) o).longValue());
    } else if (o instanceof BigDecimal d) {
      ascii(d.toPlainString());
    } else if (o instanceof Boolean t) {
      room(1);
      buf[pos++] = (byte) (t ? 't' : 'f');
    } else if (o instanceof LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999) {
      date(d);
    } else if (o instanceof LocalDateTime t && t.getYear() >= 1 && t.getYear() <= 9999) {
      date(t.toLocalDate());
      room(1);
      buf[pos++] = ' ';
      time(t.toLocalTime());
    } else if (o instanceof Instant t) {
      ascii(t.atOffset(ZoneOffset.UTC).toString());
    } else if (o instanceof Number || o instanceof java.time.temporal.Temporal) {
      ascii(o.toString());
    } else {
      text(o.toString());
    }
  }

  /** Ends a value with a tab, or the row with a newline. */
  void separator(char c) throws SQLException {
    room(1);
    buf[pos++] = (byte) c;
  }

  /** Sends what is left in the buffer. */
  void flush() throws SQLException {
    if (pos > 0) {
      in.writeToCopy(buf, 0, pos);
      pos = 0;
    }
  }

  private void room(int n) throws SQLException {
    if (pos + n > buf.length) {
      flush();
    }
  }

  private void whole(long v) throws SQLException {
    if (v < Integer.MIN_VALUE + 1 || v > Integer.MAX_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    room(11);
    int i = (int) v;
    if (i < 0) {
      buf[pos++] = '-';
      i = -i;
    }
    int width = i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : i < 10_000 ? 4 : i < 100_000 ? 5
        : i < 1_000_000 ? 6 : i < 10_000_000 ? 7 : i < 100_000_000 ? 8 : i < 1_000_000_000 ? 9 : 10;
    digits(i, width);
  }

  private void date(LocalDate d) throws SQLException {
    room(10);
    digits(d.getYear(), 4);
    buf[pos++] = '-';
    digits(d.getMonthValue(), 2);
    buf[pos++] = '-';
    digits(d.getDayOfMonth(), 2);
  }

  private void time(LocalTime t) throws SQLException {
    room(18);
    digits(t.getHour(), 2);
    buf[pos++] = ':';
    digits(t.getMinute(), 2);
    buf[pos++] = ':';
    digits(t.getSecond(), 2);
    if (t.getNano() != 0) {
      buf[pos++] = '.';
      digits(t.getNano(), 9);
    }
  }

  private void digits(int v, int width) {
    for (int i = pos + width - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos += width;
  }

  private void ascii(String s) throws SQLException {
    room(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  /**
   * Appends text with backslash, tab, newline and carriage return escaped and every other
   * character as UTF-8; a lone surrogate becomes {@code ?}, as Java's encoder writes it.
   */
  private void text(String s) throws SQLException {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (pos + 4 > buf.length) {
        flush();
      }
      if (c >= 0x80) {
        i = wide(s, i, c);
      } else if (c >= ' ' && c != '\\') {
        buf[pos++] = (byte) c;
      } else {
        escape(c);
      }
    }
  }

  private void escape(char c) {
    switch (c) {
      case '\\' -> two('\\');
      case '\t' -> two('t');
      case '\n' -> two('n');
      case '\r' -> two('r');
      case '\0' -> throw new IllegalArgumentException(
          "text holds a NUL character, which PostgreSQL cannot store; remove it from the file");
      default -> buf[pos++] = (byte) c;
    }
  }

  private void two(char c) {
    buf[pos++] = '\\';
    buf[pos++] = (byte) c;
  }

  /** Writes the non-ASCII character at {@code i}; returns the index of its last char. */
  private int wide(String s, int i, char c) {
    if (c < 0x800) {
      buf[pos++] = (byte) (0xC0 | c >> 6);
      buf[pos++] = (byte) (0x80 | c & 0x3F);
      return i;
    }
    if (Character.isSurrogate(c)) {
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(i + 1));
        buf[pos++] = (byte) (0xF0 | cp >> 18);
        buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buf[pos++] = (byte) (0x80 | cp & 0x3F);
        return i + 1;
      }
      buf[pos++] = '?';
      return i;
    }
    buf[pos++] = (byte) (0xE0 | c >> 12);
    buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
    buf[pos++] = (byte) (0x80 | c & 0x3F);
    return i;
  }
}
