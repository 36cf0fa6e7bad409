package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/**
 * Writes RFC 4180 CSV with commons-csv. Text cells are always quoted, so that an empty string
 * ({@code ""}) differs from a null cell (nothing); other cells are quoted only when needed.
 */
final class CsvRowWriter implements RowWriter {
  private final Writer out;
  private final List<? extends Column<?>> columns;
  private final FormatOptions options;
  private final CSVFormat quoted;
  private final CSVFormat minimal;
  private final @Nullable Object[] patterns;
  private long rows;
  private boolean closed;

  CsvRowWriter(OutputStream stream, List<? extends Column<?>> columns, FormatOptions options)
      throws IOException {
    this.columns = List.copyOf(columns);
    this.options = options;
    char delimiter = options.delimiter() == null ? ',' : options.delimiter();
    String key = delimiter + options.lineSeparator();
    CSVFormat[] formats = FORMATS.computeIfAbsent(key, k -> formats(delimiter, options));
    this.quoted = formats[0];
    this.minimal = formats[1];
    this.out = new EncodingWriter(stream, options.charset());
    this.patterns = new Object[columns.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = formatter(this.columns.get(i));
    }
    if (options.bom() && options.charset().equals(StandardCharsets.UTF_8)) {
      out.write('\uFEFF');
    }
    for (int i = 0; i < this.columns.size(); i++) {
      String header = this.columns.get(i).header();
      quoted.print(options.escapeFormulas() ? Cells.neutralise(header) : header, out, i == 0);
    }
    quoted.println(out);
  }

  /** CSVFormat is immutable and costly to build; one pair per delimiter and line separator. */
  private static final Map<String, CSVFormat[]> FORMATS = new ConcurrentHashMap<>();

  private static CSVFormat[] formats(char delimiter, FormatOptions options) {
    CSVFormat base =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setRecordSeparator(options.lineSeparator())
            .get();
    return new CSVFormat[] {
      base.builder().setQuoteMode(QuoteMode.ALL).get(),
      base.builder().setQuoteMode(QuoteMode.MINIMAL).get()
    };
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
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      ColumnType type = columns.get(i).type();
      if (v == null) {
        minimal.print(null, out, i == 0);
      } else if (type == ColumnType.TEXT) {
        quoted.print(text(v), out, i == 0);
      } else {
        minimal.print(format(i, type, v), out, i == 0);
      }
    }
    minimal.println(out);
    rows++;
  }

  private String text(Object v) {
    String s = v.toString();
    return options.escapeFormulas() && !(v instanceof Number) ? Cells.neutralise(s) : s;
  }

  private String format(int i, ColumnType type, Object v) {
    Object pattern = patterns[i];
    switch (type) {
      case INTEGER:
      case DECIMAL:
        return pattern == null ? Cells.plain((Number) v) : ((DecimalFormat) pattern).format(v);
      case DATE:
        return pattern == null ? v.toString() : ((DateTimeFormatter) pattern).format((LocalDate) v);
      case DATETIME:
        var local = Cells.local((Temporal) v, options.zone());
        return pattern == null
            ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local)
            : ((DateTimeFormatter) pattern).format(local);
      default:
        return v.toString();
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void finish() throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is already finished or closed");
    }
    closed = true;
    out.flush();
  }

  /** Discards what is still buffered unless finished; the stream is the caller's. */
  @Override
  public void close() {
    closed = true;
  }
}
