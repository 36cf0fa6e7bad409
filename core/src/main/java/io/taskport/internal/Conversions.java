package io.taskport.internal;

import io.taskport.MessageKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Converts imported cell text to field types. Each failure is a {@link ConversionException}
 * whose message tells the user what was expected.
 */
final class Conversions {
  private static final Pattern GROUPED = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern SERIAL = Pattern.compile("\\d{1,7}(\\.\\d+)?");
  /** Every spelling read as a boolean, lower case; documented in the README. */
  static final String BOOLEANS = "true/false, yes/no, y/n, 1/0, on/off, 是/否, √/×";
  private static final List<DateTimeFormatter> DATES =
      List.of(
          DateTimeFormatter.ISO_LOCAL_DATE,
          pattern("uuuu/M/d"),
          pattern("uuuu-M-d"),
          pattern("uuuu.M.d"),
          pattern("d.M.uuuu"),
          pattern("uuuuMMdd"),
          pattern("uuuu年M月d日"));
  private static final List<DateTimeFormatter> DATE_TIMES =
      List.of(
          DateTimeFormatter.ISO_LOCAL_DATE_TIME,
          pattern("uuuu-M-d H:mm[:ss]"),
          pattern("uuuu/M/d H:mm[:ss]"),
          pattern("d.M.uuuu H:mm[:ss]"));

  private Conversions() {}

  private static DateTimeFormatter pattern(String p) {
    return DateTimeFormatter.ofPattern(p, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  }

  /** Returns the value of {@code text} as {@code type}, or {@code null} for a blank cell. */
  static @Nullable Object convert(String text, Class<?> type, ZoneId zone) {
    return convert(text, type, zone, false);
  }

  /**
   * Returns the value of {@code text} as {@code type}, or {@code null} for a blank cell; date
   * serial numbers count from 1904 when {@code date1904} says so.
   */
  static @Nullable Object convert(String text, Class<?> type, ZoneId zone, boolean date1904) {
    String s = text.strip();
    if (s.isEmpty()) {
      if (type.isPrimitive()) {
        throw new ConversionException("conv.required");
      }
      return null;
    }
    if (type == String.class || type == Object.class || type == CharSequence.class) {
      return text;
    }
    if (type == int.class || type == Integer.class) {
      return (int) whole(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class || type == Long.class) {
      return whole(s, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == short.class || type == Short.class) {
      return (short) whole(s, Short.MIN_VALUE, Short.MAX_VALUE);
    }
    if (type == byte.class || type == Byte.class) {
      return (byte) whole(s, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }
    if (type == BigInteger.class) {
      try {
        return decimal(s).toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new ConversionException("conv.notWhole", s);
      }
    }
    if (type == BigDecimal.class) {
      return decimal(s);
    }
    if (type == double.class || type == Double.class) {
      return finite(s, decimal(s).doubleValue());
    }
    if (type == float.class || type == Float.class) {
      return (float) finite(s, decimal(s).floatValue());
    }
    if (type == boolean.class || type == Boolean.class) {
      return bool(s);
    }
    if (type == LocalDate.class) {
      return date(s, date1904);
    }
    if (type == LocalDateTime.class) {
      return dateTime(s, date1904);
    }
    if (type == Instant.class) {
      return instant(s, zone, date1904);
    }
    if (type == OffsetDateTime.class) {
      return instant(s, zone, date1904).atZone(zone).toOffsetDateTime();
    }
    if (type == LocalTime.class) {
      try {
        return LocalTime.parse(s);
      } catch (DateTimeParseException e) {
        throw new ConversionException("conv.notTime", s);
      }
    }
    if (type.isEnum()) {
      return enumValue(s, type);
    }
    throw new IllegalArgumentException("fields of type " + type.getName() + " cannot be imported");
  }

  private static long whole(String s, long min, long max) {
    if (isPlainWhole(s)) {
      long v = Long.parseLong(s);
      if (v < min || v > max) {
        throw new ConversionException("conv.outOfRange", s);
      }
      return v;
    }
    BigDecimal d;
    try {
      d = decimal(s);
    } catch (ConversionException e) {
      // the same English text; other languages say that a whole number was expected
      throw e.key.equals("conv.notNumber") ? new ConversionException("conv.notWholeNumber", s) : e;
    }
    try {
      long v = d.stripTrailingZeros().longValueExact();
      if (v < min || v > max) {
        throw new ConversionException("conv.outOfRange", s);
      }
      return v;
    } catch (ArithmeticException e) {
      throw new ConversionException("conv.notWhole", s);
    }
  }

  /** Whether the text is an optional sign and 1 to 18 digits, which a long always holds. */
  private static boolean isPlainWhole(String s) {
    int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    int n = s.length() - start;
    if (n < 1 || n > 18) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal decimal(String s) {
    String plain = s.indexOf(',') >= 0 && GROUPED.matcher(s).matches() ? s.replace(",", "") : s;
    BigDecimal d;
    try {
      if (plain.length() > 100) {
        throw new NumberFormatException();
      }
      d = new BigDecimal(plain);
    } catch (NumberFormatException e) {
      throw new ConversionException("conv.notNumber", s);
    }
    if (Math.abs((long) d.scale()) > 1000) {
      throw new ConversionException("conv.outOfRange", s);
    }
    return d;
  }

  private static double finite(String s, double d) {
    if (Double.isInfinite(d)) {
      throw new ConversionException("conv.outOfRange", s);
    }
    return d;
  }

  private static boolean bool(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1", "on", "是", "√" -> true;
      case "false", "no", "n", "0", "off", "否", "×" -> false;
      default -> throw new ConversionException("conv.notBoolean", s, BOOLEANS);
    };
  }

  static LocalDate date(String s) {
    return date(s, false);
  }

  private static LocalDate date(String s, boolean date1904) {
    LocalDate iso = s.length() == 10 ? isoDate(s) : null;
    if (iso != null) {
      return iso;
    }
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDate.parse(s, f);
      } catch (DateTimeParseException e) {
        // try the next pattern
      }
    }
    if (SERIAL.matcher(s).matches()) {
      return Serials.toDateTime(s, Double.parseDouble(s), date1904).toLocalDate();
    }
    try {
      return dateTime(s, date1904).toLocalDate();
    } catch (ConversionException e) {
      if (s.startsWith("1900-02-29")) {
        throw e;
      }
      throw new ConversionException("conv.notDate", s);
    }
  }

  private static LocalDateTime dateTime(String s, boolean date1904) {
    LocalDateTime iso = isoDateTime(s);
    if (iso != null) {
      return iso;
    }
    for (DateTimeFormatter f : DATE_TIMES) {
      try {
        return LocalDateTime.parse(s, f);
      } catch (DateTimeParseException e) {
        // try the next pattern
      }
    }
    if (SERIAL.matcher(s).matches()) {
      return Serials.toDateTime(s, Double.parseDouble(s), date1904);
    }
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDate.parse(s, f).atStartOfDay();
      } catch (DateTimeParseException e) {
        // try the next pattern
      }
    }
    if (s.startsWith("1900-02-29")) {
      throw new ConversionException(Serials.FEBRUARY_29_1900, s);
    }
    throw new ConversionException("conv.notDateTime", s);
  }

  /**
   * Reads {@code yyyy-MM-dd} without a formatter, as {@link DateTimeFormatter#ISO_LOCAL_DATE}
   * does; returns {@code null} for anything else, invalid dates included, which the formatters
   * then report.
   */
  private static @Nullable LocalDate isoDate(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int y = digits(s, 0, 4);
    int m = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 28 && d > Month.of(m).length(Year.isLeap(y))) {
      return null;
    }
    return LocalDate.of(y, m, d);
  }

  /**
   * Reads {@code yyyy-MM-ddTHH:mm:ss} with an optional fraction of 1 to 9 digits, as {@link
   * DateTimeFormatter#ISO_LOCAL_DATE_TIME} does; returns {@code null} for anything else.
   */
  private static @Nullable LocalDateTime isoDateTime(String s) {
    int n = s.length();
    if (n < 19 || n == 20 || n > 29 || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || n > 19 && s.charAt(19) != '.') {
      return null;
    }
    LocalDate date = isoDate(s.substring(0, 10));
    int h = digits(s, 11, 13);
    int min = digits(s, 14, 16);
    int sec = digits(s, 17, 19);
    int fraction = n > 19 ? digits(s, 20, n) : 0;
    if (date == null || h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 59
        || fraction < 0) {
      return null;
    }
    for (int i = n; i < 29; i++) {
      fraction *= 10; // to nanoseconds
    }
    return date.atTime(h, min, sec, n > 19 ? fraction : 0);
  }

  /** Returns the decimal value of the ASCII digits from {@code from} to {@code to}, or -1. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Instant instant(String s, ZoneId zone, boolean date1904) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return dateTime(s, date1904).atZone(zone).toInstant();
    }
  }

  private static Object enumValue(String s, Class<?> type) {
    String wanted = normalize(s);
    Object[] constants = type.getEnumConstants();
    for (Object c : constants) {
      if (normalize(((Enum<?>) c).name()).equals(wanted) || normalize(c.toString()).equals(wanted)) {
        return c;
      }
    }
    StringBuilder names = new StringBuilder();
    for (Object c : constants) {
      names.append(names.length() == 0 ? "" : ", ").append(((Enum<?>) c).name());
    }
    throw new ConversionException("conv.notOneOf", s, names.toString());
  }

  /** Lower case without spaces, underscores or hyphens, for matching headers and enum names. */
  static String normalize(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.strip()
        .codePoints()
        .filter(c -> !Character.isWhitespace(c) && c != '_' && c != '-' && c != '\u00a0')
        .map(Character::toLowerCase)
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /**
   * A cell that does not convert. Its text is a key of Taskport's bundle whose arguments are the
   * column ({@code {0}}), the cell's text, shortened ({@code {1}}), and any more ({@code {2}}, …).
   */
  static final class ConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient Object[] args;

    ConversionException(String key, Object... args) {
      super(null, null, false, false);
      this.key = key;
      this.args = args.clone();
      if (args.length > 0 && args[0] instanceof String text) {
        this.args[0] = abbreviate(text);
      }
    }

    /** Returns the English text; the English texts do not name the column. */
    @Override
    public String getMessage() {
      return in("").format(Locale.ENGLISH);
    }

    /** Returns the text for a column, to be formatted in the reader's language. */
    MessageKey in(String column) {
      Object[] all = new Object[args.length + 1];
      all[0] = column;
      System.arraycopy(args, 0, all, 1, args.length);
      return MessageKey.of(key, all);
    }
  }
}
