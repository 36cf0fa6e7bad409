package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;

/** Value rules shared by the formats: formula escaping, number and date text, column letters. */
final class Cells {
  private Cells() {}

  /**
   * Returns whether text would start a formula in a spreadsheet (OWASP CSV injection): {@code =
   * + - @}, tab, carriage return, line feed, or their full-width forms, also after leading spaces,
   * no-break spaces or a byte-order mark, which spreadsheets skip. Text that is a plain number
   * (such as {@code -2.5} or {@code +1e3}) starts no formula and is left alone.
   */
  static boolean isFormulaTrigger(String text) {
    int i = 0;
    while (i < text.length() && isSkippedLead(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return false;
    }
    switch (text.charAt(i)) {
      case '\t', '\r', '\n', '=', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20':
        return true;
      case '+', '-':
        return !isPlainNumber(text, i);
      default:
        return false;
    }
  }

  private static boolean isSkippedLead(char c) {
    return c == ' ' || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\uFEFF'
        || (c != '\t' && c != '\r' && c != '\n' && Character.isWhitespace(c));
  }

  /** Whether the text from {@code start} on is a sign, digits, an optional fraction and exponent. */
  private static boolean isPlainNumber(String text, int start) {
    int i = start + 1;
    int digits = 0;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (i < text.length() && text.charAt(i) == '.') {
      i++;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == text.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Returns imported text without the leading {@code '} that {@link #neutralise} puts before a
   * formula character, so that a file Taskport wrote imports as the user sees it.
   */
  static String unguard(String text) {
    return text.length() > 1 && text.charAt(0) == '\'' && isFormulaTrigger(text.substring(1))
        ? text.substring(1)
        : text;
  }

  /** Returns the text with a leading {@code '} when it would start a formula. */
  static String neutralise(String text) {
    return isFormulaTrigger(text) ? "'" + text : text;
  }

  /** Checks the row's size and every value's type against the columns. */
  static void check(List<? extends Column<?>> columns, List<?> values) {
    if (values.size() != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " values, was " + values.size());
    }
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      ColumnType type = columns.get(i).type();
      if (v != null && !Column.accepts(type, v)) {
        throw new IllegalArgumentException(
            "column "
                + columns.get(i).header()
                + " is "
                + type
                + ", got a "
                + v.getClass().getName());
      }
    }
  }

  /** Returns a number as plain decimal text at full precision: {@code 1.0} is {@code 1}. */
  static String plain(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return Long.toString(n.longValue());
    }
    if (n instanceof BigInteger) {
      return n.toString();
    }
    if (n instanceof BigDecimal b) {
      return b.toPlainString();
    }
    double d = n.doubleValue();
    return plain(d);
  }

  /** Returns a double as plain decimal text, or {@code NaN}/{@code Infinity} when not finite. */
  static String plain(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == (long) d && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    String s = Double.toString(d);
    if (s.indexOf('E') < 0) {
      return s; // already plain: a fraction without trailing zeros, since d is not whole here
    }
    return new BigDecimal(s).stripTrailingZeros().toPlainString();
  }

  /**
   * Returns the plain text of a number as a spreadsheet stores it ({@code 1.5E-3}, {@code 100},
   * {@code 0.30000000000000004}); short plain decimals are trimmed without parsing.
   */
  static String plainNumber(String raw) {
    int n = raw.length();
    int digits = 0;
    int dot = -1;
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && dot < 0) {
        dot = i;
      } else if (!(c == '-' && i == 0)) {
        digits = 99; // exponent or anything else: take the slow path
        break;
      }
    }
    if (digits == 0 || digits > 15) {
      try {
        return plain(Double.parseDouble(raw));
      } catch (NumberFormatException e) {
        return raw;
      }
    }
    if (dot < 0) {
      return stripLeadingZeros(raw);
    }
    int end = n;
    while (end > dot + 1 && raw.charAt(end - 1) == '0') {
      end--;
    }
    if (end == dot + 1) {
      end = dot;
    }
    String s = stripLeadingZeros(raw.substring(0, end));
    return s.equals("-0") ? "0" : s;
  }

  private static String stripLeadingZeros(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    int i = start;
    while (i < s.length() - 1 && s.charAt(i) == '0' && s.charAt(i + 1) != '.') {
      i++;
    }
    return i == start ? s : s.substring(0, start) + s.substring(i);
  }

  /** Returns a date-time value as a local date-time in the zone. */
  static LocalDateTime local(Temporal t, ZoneId zone) {
    if (t instanceof LocalDateTime l) {
      return l;
    }
    if (t instanceof Instant i) {
      return LocalDateTime.ofInstant(i, zone);
    }
    if (t instanceof OffsetDateTime o) {
      return o.atZoneSameInstant(zone).toLocalDateTime();
    }
    if (t instanceof ZonedDateTime z) {
      return z.withZoneSameInstant(zone).toLocalDateTime();
    }
    throw new IllegalArgumentException("not a date-time: " + t.getClass().getName());
  }

  /**
   * Returns ISO text for a date-styled serial number, to the millisecond, as a spreadsheet shows
   * it: serial 60 of the 1900 system is {@code 1900-02-29}, the day Excel keeps from Lotus 1-2-3;
   * a serial outside 1900-01-01 (1904-01-01) to 9999-12-31 stays a plain number.
   */
  static String serial(double d, boolean date1904) {
    long days = (long) Math.floor(d);
    long millis = Math.round((d - days) * 86_400_000d);
    if (millis == 86_400_000L) {
      days++;
      millis = 0;
    }
    if (Double.isNaN(d) || days < (date1904 ? 0 : 1) || days > (date1904 ? 2_957_003 : 2_958_465)) {
      return plain(d);
    }
    LocalDateTime t;
    if (date1904) {
      t = LocalDate.of(1904, 1, 1).plusDays(days).atStartOfDay();
    } else if (days == 60) {
      String time = iso(LocalDate.of(1900, 3, 1).atStartOfDay().plusNanos(millis * 1_000_000));
      return "1900-02-29" + time.substring(10);
    } else {
      t = LocalDate.of(1899, 12, days < 60 ? 31 : 30).plusDays(days).atStartOfDay();
    }
    return iso(t.plusNanos(millis * 1_000_000));
  }

  /** Returns the type a value of an {@link ColumnType#ANY} column is written as. */
  static ColumnType typeOf(Object v) {
    for (ColumnType t : VALUE_TYPES) {
      if (Column.accepts(t, v)) {
        return t;
      }
    }
    return ColumnType.TEXT;
  }

  private static final ColumnType[] VALUE_TYPES = {
    ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DATE, ColumnType.DATETIME, ColumnType.BOOLEAN
  };

  /**
   * Returns the type of a number cell's text as {@link #serial} or {@link #plain} rendered it:
   * a date, a date-time, a number, or text for the fictitious 1900-02-29.
   */
  static ColumnType typeOfNumber(String text) {
    if (text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
      if (text.startsWith("1900-02-29")) {
        return ColumnType.TEXT;
      }
      return text.length() == 10 ? ColumnType.DATE : ColumnType.DATETIME;
    }
    return text.isEmpty() || text.equals("NaN") || text.contains("Infinity")
        ? ColumnType.TEXT
        : ColumnType.DECIMAL;
  }

  /** Returns a boolean as a spreadsheet shows it: {@code TRUE} or {@code FALSE}. */
  static String bool(boolean b) {
    return b ? "TRUE" : "FALSE";
  }

  /**
   * Returns ISO text for a spreadsheet date-time: {@code yyyy-MM-dd}, or {@code
   * yyyy-MM-ddTHH:mm:ss} when there is a time part, with {@code .SSS} when it has milliseconds.
   */
  static String iso(LocalDateTime t) {
    StringBuilder s = new StringBuilder(19);
    int y = t.getYear();
    if (y < 1000) {
      s.append(y < 10 ? "000" : y < 100 ? "00" : "0");
    }
    s.append(y).append('-');
    two(s, t.getMonthValue()).append('-');
    two(s, t.getDayOfMonth());
    if (t.getHour() != 0 || t.getMinute() != 0 || t.getSecond() != 0 || t.getNano() != 0) {
      s.append('T');
      two(s, t.getHour()).append(':');
      two(s, t.getMinute()).append(':');
      two(s, t.getSecond());
      int millis = t.getNano() / 1_000_000;
      if (millis != 0) {
        s.append('.').append((char) ('0' + millis / 100));
        two(s, millis % 100);
      }
    }
    return s.toString();
  }

  private static StringBuilder two(StringBuilder s, int v) {
    return s.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /** Returns the spreadsheet letters of a 0-based column: 0 is {@code A}, 26 is {@code AA}. */
  static String letters(int column) {
    StringBuilder s = new StringBuilder(3);
    int c = column + 1;
    while (c > 0) {
      int r = (c - 1) % 26;
      s.insert(0, (char) ('A' + r));
      c = (c - 1) / 26;
    }
    return s.toString();
  }
}
