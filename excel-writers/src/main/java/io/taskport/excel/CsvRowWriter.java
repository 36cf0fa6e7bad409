package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes RFC 4180 CSV, appending each cell straight into the encoder's buffer. Text cells are
 * always quoted, so that an empty string ({@code ""}) differs from a null cell (nothing); other
 * cells are quoted only when they hold the delimiter, a quote or a line break, start with a
 * character up to {@code #} or end with white space (as commons-csv's minimal quoting does).
 */
final class CsvRowWriter implements RowWriter {
  private final EncodingWriter out;
  private final StringBuilder buf;
  private final List<? extends Column<?>> columns;
  private final ColumnType[] types;
  private final FormatOptions options;
  private final char delimiter;
  private final String lineSeparator;
  private final @Nullable Object[] patterns;
  /** Whether numbers, dates and booleans can never hold the delimiter, so need no check. */
  private final boolean bareIsSafe;
  private long rows;
  private boolean failed;
  private boolean closed;

  CsvRowWriter(OutputStream stream, List<? extends Column<?>> columns, FormatOptions options)
      throws IOException {
    this.columns = List.copyOf(columns);
    this.options = options;
    this.delimiter = options.delimiter() == null ? ',' : options.delimiter();
    this.lineSeparator = options.lineSeparator();
    this.bareIsSafe = !Character.isLetterOrDigit(delimiter) && ".-+:".indexOf(delimiter) < 0;
    this.out = new EncodingWriter(stream, options.charset());
    this.buf = out.builder();
    this.types = new ColumnType[this.columns.size()];
    this.patterns = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = this.columns.get(i).type();
      patterns[i] = formatter(this.columns.get(i));
    }
    if (options.bom() && options.charset().equals(StandardCharsets.UTF_8)) {
      buf.append('\uFEFF');
    }
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        buf.append(delimiter);
      }
      String header = this.columns.get(i).header();
      quoted(options.escapeFormulas() ? Cells.neutralise(header) : header);
    }
    buf.append(lineSeparator);
    out.drainIfFull();
  }

  private static @Nullable Object formatter(Column<?> column) {
    String p = column.pattern();
    if (p == null) {
      return null;
    }
    return switch (column.type()) {
      case INTEGER, DECIMAL -> new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.ROOT));
      case DATE, DATETIME -> DateTimeFormatter.ofPattern(p, Locale.ROOT);
      default -> null;
    };
  }

  @Override
  public void write(List<?> values) throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    Cells.check(columns, values);
    int mark = buf.length(); // the buffer is drained only between rows
    try {
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          buf.append(delimiter);
        }
        Object v = values.get(i);
        if (v != null) {
          cell(i, v);
        }
      }
    } catch (RuntimeException e) {
      buf.setLength(mark); // no half row
      throw e;
    }
    buf.append(lineSeparator);
    rows++;
    try {
      out.drainIfFull();
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  private void cell(int i, Object v) {
    Object pattern = patterns[i];
    ColumnType type = types[i] == ColumnType.ANY ? Cells.typeOf(v) : types[i];
    if (!bareIsSafe && type != ColumnType.TEXT) {
      minimal(pattern == null ? text(type, v) : formatted(pattern, v));
      return;
    }
    switch (type) {
      case TEXT -> {
        String s = v.toString();
        quoted(options.escapeFormulas() && !(v instanceof Number) ? Cells.neutralise(s) : s);
      }
      case INTEGER, DECIMAL -> {
        if (pattern != null) {
          minimal(((DecimalFormat) pattern).format(v));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short
            || v instanceof Byte) {
          buf.append(((Number) v).longValue());
        } else if (v instanceof BigDecimal b) {
          buf.append(b.toPlainString());
        } else if (v instanceof BigInteger b) {
          buf.append(b);
        } else {
          minimal(Cells.plain((Number) v));
        }
      }
      case DATE -> {
        LocalDate d = (LocalDate) v;
        if (pattern != null) {
          minimal(((DateTimeFormatter) pattern).format(d));
        } else {
          date(d);
        }
      }
      case DATETIME -> {
        LocalDateTime t = Cells.local((Temporal) v, options.zone());
        if (pattern != null) {
          minimal(((DateTimeFormatter) pattern).format(t));
        } else {
          dateTime(t);
        }
      }
      case BOOLEAN -> buf.append((boolean) (Boolean) v);
      case ANY -> throw new AssertionError();
    }
  }

  /** The cell as text, for a delimiter that may occur in it. */
  private String text(ColumnType type, Object v) {
    return switch (type) {
      case INTEGER, DECIMAL -> Cells.plain((Number) v);
      case DATETIME -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          Cells.local((Temporal) v, options.zone()));
      default -> v.toString();
    };
  }

  private String formatted(Object pattern, Object v) {
    if (pattern instanceof DecimalFormat f) {
      return f.format(v);
    }
    Temporal t = v instanceof LocalDate d ? d : Cells.local((Temporal) v, options.zone());
    return ((DateTimeFormatter) pattern).format(t);
  }

  /** Appends the text in quotes, doubling the quotes inside. */
  private void quoted(String s) {
    buf.append('"');
    int from = 0;
    int q;
    while ((q = s.indexOf('"', from)) >= 0) {
      buf.append(s, from, q + 1).append('"');
      from = q + 1;
    }
    buf.append(s, from, s.length()).append('"');
  }

  /** Appends the text, quoted only when a reader could misread it bare. */
  private void minimal(String s) {
    int n = s.length();
    boolean quote = n > 0 && (s.charAt(0) <= '#' || s.charAt(n - 1) <= ' ');
    for (int i = 0; i < n && !quote; i++) {
      char c = s.charAt(i);
      quote = c == delimiter || c == '"' || c == '\r' || c == '\n';
    }
    if (quote) {
      quoted(s);
    } else {
      buf.append(s);
    }
  }

  /** ISO {@code yyyy-MM-dd}; years outside 0..9999 as {@link LocalDate#toString()}. */
  private void date(LocalDate d) {
    int y = d.getYear();
    if (y < 0 || y > 9999) {
      buf.append(d);
      return;
    }
    four(y).append('-');
    two(d.getMonthValue()).append('-');
    two(d.getDayOfMonth());
  }

  /** As {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME}: seconds always, fractions when present. */
  private void dateTime(LocalDateTime t) {
    int y = t.getYear();
    if (y < 0 || y > 9999) {
      buf.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
      return;
    }
    date(t.toLocalDate());
    buf.append('T');
    two(t.getHour()).append(':');
    two(t.getMinute()).append(':');
    two(t.getSecond());
    int nano = t.getNano();
    if (nano != 0) {
      buf.append('.');
      int digits = 9;
      while (nano % 10 == 0) {
        nano /= 10;
        digits--;
      }
      String s = Integer.toString(nano);
      for (int k = s.length(); k < digits; k++) {
        buf.append('0');
      }
      buf.append(s);
    }
  }

  private StringBuilder four(int v) {
    return buf.append((char) ('0' + v / 1000)).append((char) ('0' + v / 100 % 10))
        .append((char) ('0' + v / 10 % 10)).append((char) ('0' + v % 10));
  }

  private StringBuilder two(int v) {
    return buf.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  @Override
  public long rows() {
    return rows;
  }

  /** Flushes what is buffered; the stream stays open. */
  @Override
  public void finish() throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is already finished or closed");
    }
    if (failed) {
      throw new IllegalStateException("writer failed; the file cannot be finished");
    }
    closed = true;
    out.flush();
  }

  /** Discards what is still buffered unless finished; the stream is the caller's. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      buf.setLength(0);
    }
  }
}
