package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes XLSX by streaming the sheet XML straight into the zip as rows arrive: no temp file, no
 * workbook model. Typed cells, a bold frozen header, column widths from the first rows (held in
 * a bounded buffer until the widths are known), a bounded shared-strings table for repetitive
 * text, and a new sheet whenever one is full.
 */
final class XlsxStreamWriter implements RowWriter {
  static final int WIDTH_SAMPLE = 100;
  /** Bytes of sampled rows held before the widths are fixed, even if fewer rows were seen. */
  static final int SAMPLE_BYTES = 1 << 22;
  private static final long MAX_EXACT = 999_999_999_999_999L;
  private static final long DAY_ZERO = LocalDate.of(1899, 12, 31).toEpochDay();
  /** The first day that Excel and LibreOffice give the same serial number. */
  private static final long FIRST_SHARED_DAY = LocalDate.of(1900, 3, 1).toEpochDay();

  private static final byte[] ROW_OPEN = bytes("<row r=\"");
  private static final byte[] ROW_CLOSE = bytes("</row>");
  private static final byte[] C_OPEN = bytes("<c");
  private static final byte[] C_REF = bytes(" r=\"");
  private static final byte[] SHARED = bytes(" t=\"s\"><v>");
  private static final byte[] INLINE = bytes(" t=\"inlineStr\"><is>");
  private static final byte[] INLINE_END = bytes("</is></c>");
  private static final byte[] HEADER = bytes("<c t=\"inlineStr\" s=\"1\"><is>");
  private static final byte[] TRUE = bytes(" t=\"b\"><v>1</v></c>");
  private static final byte[] FALSE = bytes(" t=\"b\"><v>0</v></c>");
  private static final byte[] V_END = bytes("</v></c>");

  private final ZipSink zip;
  private final XmlOut x;
  private final FormatOptions options;
  private final int rowsPerSheet;
  private final List<String> formats = SheetLayout.newFormats();
  private final XlsxStrings strings;
  private final SheetNaming names = new SheetNaming();
  private SheetLayout layout;
  private List<? extends Column<?>> columns;
  private ColumnType[] types;
  private byte[][] numberOpen;
  private byte[][] letters;
  private int[] widths;
  private @Nullable ByteArrayOutputStream sample = new ByteArrayOutputStream(1 << 12);
  private byte[] head = new byte[0];
  private int sheetRow;
  private long rows;
  private boolean sampling = true;
  private boolean failed;
  private boolean closed;

  XlsxStreamWriter(OutputStream out, List<? extends Column<?>> columns, FormatOptions options,
      int rowsPerSheet, int level) throws IOException {
    this.options = options;
    this.rowsPerSheet = rowsPerSheet;
    layout(columns);
    strings = new XlsxStrings(this.columns.size());
    zip = new ZipSink(out, level);
    x = new XmlOut(sample);
    headerRow();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void layout(List<? extends Column<?>> sheetColumns) {
    layout = new SheetLayout(sheetColumns, formats);
    columns = layout.columns;
    types = layout.types;
    numberOpen = layout.numberOpen;
    letters = layout.letters;
    widths = layout.widths;
  }

  private void headerRow() throws IOException {
    x.raw(ROW_OPEN).ch('1').ch('"').ch('>');
    for (int i = 0; i < columns.size(); i++) {
      String h = columns.get(i).header();
      x.raw(HEADER);
      XlsxParts.t(x, options.escapeFormulas() ? Cells.neutralise(h) : h);
      x.raw(INLINE_END);
      widths[i] = Math.max(widths[i], h.length());
    }
    x.raw(ROW_CLOSE);
    sheetRow = 1;
  }

  @Override
  public void write(List<?> values) throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    Cells.check(columns, values);
    try {
      if (sheetRow == rowsPerSheet) {
        nextSheet();
      }
      row(values);
      rows++;
      if (sampling && (sheetRow > WIDTH_SAMPLE || sample.size() > SAMPLE_BYTES)) {
        endSample();
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private void row(List<?> values) throws IOException {
    int number = ++sheetRow;
    x.raw(ROW_OPEN).number(number).ch('"').ch('>');
    boolean gap = false;
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        gap = true;
        continue;
      }
      x.raw(C_OPEN);
      if (gap) { // cells without r follow the previous one; after a gap say where
        x.raw(C_REF).raw(letters[i]).number(number).ch('"');
        gap = false;
      }
      ColumnType type = types[i] == ColumnType.ANY ? Cells.typeOf(v) : types[i];
      String text = cell(i, type, v);
      if (sampling) {
        int w = text != null ? displayWidth(text)
            : type == ColumnType.DATETIME ? 19 : 10;
        widths[i] = Math.max(widths[i], w);
      }
    }
    x.raw(ROW_CLOSE);
  }

  /** Writes the rest of one cell; returns its text for the width sample, if it has one. */
  private @Nullable String cell(int i, ColumnType type, Object v) throws IOException {
    boolean any = types[i] == ColumnType.ANY;
    byte[] dateOpen = layout.dateOpen;
    byte[] dateTimeOpen = layout.dateTimeOpen;
    switch (type) {
      case INTEGER -> {
        integer(i, v);
        return sampling ? v.toString() : null;
      }
      case DECIMAL -> {
        decimal(i, (Number) v);
        return sampling ? Cells.plain((Number) v) : null;
      }
      case DATE -> {
        LocalDate d = (LocalDate) v;
        if (!serial(any ? dateOpen : numberOpen[i], d, 0)) {
          inline(d.toString());
        }
        return null;
      }
      case DATETIME -> {
        LocalDateTime t = Cells.local((Temporal) v, options.zone());
        byte[] open = any ? dateTimeOpen : numberOpen[i];
        if (!serial(open, t.toLocalDate(), t.toLocalTime().toNanoOfDay())) {
          inline(Cells.iso(t));
        }
        return null;
      }
      case BOOLEAN -> {
        x.raw((Boolean) v ? TRUE : FALSE);
        return null;
      }
      default -> {
        String s = v.toString();
        if (options.escapeFormulas() && !(v instanceof Number)) {
          s = Cells.neutralise(s);
        }
        int k = strings.indexOf(i, s);
        if (k >= 0) {
          x.raw(SHARED).number(k).raw(V_END);
        } else {
          inline(s);
        }
        return s;
      }
    }
  }

  private void inline(String s) throws IOException {
    x.raw(INLINE);
    XlsxParts.t(x, s);
    x.raw(INLINE_END);
  }

  private void integer(int i, Object v) throws IOException {
    if (v instanceof BigInteger b) {
      if (b.bitLength() < 64 && Math.abs(b.longValue()) <= MAX_EXACT) {
        x.raw(numberOpen[i]).number(b.longValue()).raw(V_END);
      } else {
        inline(b.toString()); // Excel keeps 15 digits: keep the exact text instead
      }
      return;
    }
    long l = ((Number) v).longValue();
    if (l >= -MAX_EXACT && l <= MAX_EXACT) {
      x.raw(numberOpen[i]).number(l).raw(V_END);
    } else {
      inline(Long.toString(l));
    }
  }

  private void decimal(int i, Number n) throws IOException {
    if (n instanceof BigDecimal b && b.scale() >= 0 && b.scale() <= 15 && b.precision() <= 15) {
      x.raw(numberOpen[i]).decimal(b.unscaledValue().longValue(), b.scale()).raw(V_END);
      return;
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      inline(Double.toString(d));
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      x.raw(numberOpen[i]).number((long) d).raw(V_END);
    } else {
      x.raw(numberOpen[i]).ascii(Double.toString(d)).raw(V_END);
    }
  }

  /**
   * Writes an Excel serial date with the time of day in units of 10^-10 days; returns false for
   * days written as text instead: before 1900-03-01, because Excel counts a 1900-02-29 that
   * LibreOffice does not, so the two show earlier serials as different days; and after 9999.
   */
  private boolean serial(byte[] open, LocalDate d, long nanoOfDay) throws IOException {
    long epoch = d.toEpochDay();
    if (epoch < FIRST_SHARED_DAY || d.getYear() > 9999) {
      return false;
    }
    long days = epoch - DAY_ZERO + 1; // + Excel's 1900-02-29
    long frac = (nanoOfDay + 4320) / 8640;
    if (frac == 10_000_000_000L) {
      days++;
      frac = 0;
    }
    int scale = 10;
    while (scale > 0 && frac % 10 == 0) {
      frac /= 10;
      scale--;
    }
    x.raw(open).decimal(days * XmlOut.TENS[scale] + frac, scale).raw(V_END);
    return true;
  }

  private static int displayWidth(String s) {
    int w = 0;
    int n = Math.min(s.length(), 100);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        break;
      }
      w += c >= 0x1100 ? 2 : 1; // wide scripts take about two columns
    }
    return w;
  }

  /** Fixes the widths, then sends the sheet's start and the held rows to the zip. */
  private void endSample() throws IOException {
    sampling = false;
    int[] chars = new int[widths.length];
    for (int i = 0; i < widths.length; i++) {
      chars[i] = Math.min(60, Math.max(8, widths[i] + 2));
    }
    head = XlsxParts.sheetHead(chars).getBytes(StandardCharsets.UTF_8);
    x.drain();
    zip.entry("xl/worksheets/sheet" + names.count() + ".xml");
    zip.write(head);
    sample.writeTo(zip);
    sample = null;
    x.target(zip);
  }

  /** Rolls over to the next part of a full sheet, with the same columns. */
  private void nextSheet() throws IOException {
    if (sampling) {
      endSample();
    }
    endSheet();
    names.rollover();
    zip.entry("xl/worksheets/sheet" + names.count() + ".xml");
    x.raw(head);
    headerRow();
  }

  @Override
  public void nameSheet(String name) {
    names.name(name);
  }

  @Override
  public void sheet(String name, List<? extends Column<?>> sheetColumns) throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    names.check(name);
    try {
      if (sampling) {
        endSample();
      }
      endSheet();
      layout(sheetColumns);
      strings.columns(columns.size());
      names.start(name);
      sample = new ByteArrayOutputStream(1 << 12);
      x.target(sample);
      sampling = true;
      headerRow();
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private void endSheet() throws IOException {
    x.ascii(XlsxParts.SHEET_TAIL).drain();
    zip.closeEntry();
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
    if (failed) {
      throw new IllegalStateException("writer failed; the file cannot be finished");
    }
    closed = true;
    boolean finished = false;
    try {
      writeRest();
      finished = true;
    } finally {
      if (!finished) {
        abandon();
      }
    }
  }

  /** Discards the file unless it was finished: nothing more is written to the stream. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      abandon();
    }
  }

  /** Writes the rest of the package: the last sheet's end, shared strings, styles, workbook. */
  private void writeRest() throws IOException {
    if (sampling) {
      endSample();
    }
    endSheet();
    boolean shared = !strings.isEmpty();
    if (shared) {
      zip.entry("xl/sharedStrings.xml");
      strings.write(x);
      x.drain();
      zip.closeEntry();
    }
    part("xl/styles.xml", XlsxParts.styles(formats));
    part("xl/workbook.xml", XlsxParts.workbook(names.names()));
    part("xl/_rels/workbook.xml.rels", XlsxParts.workbookRels(names.count(), shared));
    part("[Content_Types].xml", XlsxParts.contentTypes(names.count(), shared));
    part("_rels/.rels", XlsxParts.rootRels());
    zip.close(); // writes the central directory and flushes; the caller's stream stays open
  }

  private void part(String name, String xml) throws IOException {
    zip.entry(name);
    zip.write(xml.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** Gives up the file: frees the deflater and the held rows, writes nothing more. */
  private void abandon() {
    sample = null;
    zip.abandon();
  }
}
