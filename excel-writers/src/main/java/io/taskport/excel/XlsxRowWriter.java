package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Writes XLSX with POI's streaming SXSSF: typed cells, a bold frozen header, column widths from
 * the first rows, and a new sheet whenever one is full. Text is always a string cell.
 */
final class XlsxRowWriter implements RowWriter {
  static final int WIDTH_SAMPLE = 100;
  private static final BigInteger MAX_EXACT = BigInteger.valueOf(999_999_999_999_999L);

  private final SXSSFWorkbook wb;
  private final OutputStream out;
  private final List<? extends Column<?>> columns;
  private final FormatOptions options;
  private final int rowsPerSheet;
  private final CellStyle header;
  private final @Nullable CellStyle[] styles;
  private final int[] widths;
  private SXSSFSheet sheet;
  private int sheetRow;
  private long rows;
  private boolean sampling = true;
  private boolean failed;
  private boolean closed;

  XlsxRowWriter(
      OutputStream out,
      List<? extends Column<?>> columns,
      FormatOptions options,
      boolean compressTempFiles,
      int rowsPerSheet) {
    this.out = out;
    this.columns = List.copyOf(columns);
    this.options = options;
    this.rowsPerSheet = rowsPerSheet;
    this.wb = new SXSSFWorkbook(null, 200, compressTempFiles, false);
    try {
      Font bold = wb.createFont();
      bold.setBold(true);
      header = wb.createCellStyle();
      header.setFont(bold);
      styles = new CellStyle[this.columns.size()];
      for (int i = 0; i < styles.length; i++) {
        styles[i] = style(this.columns.get(i));
      }
      widths = new int[this.columns.size()];
      sheet = newSheet();
    } catch (RuntimeException e) {
      try {
        wb.close(); // also deletes the temp files
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private @Nullable CellStyle style(Column<?> column) {
    String pattern = column.pattern();
    String format =
        switch (column.type()) {
          case DATE -> pattern == null ? "yyyy-mm-dd" : ExcelPatterns.dateFormat(pattern);
          case DATETIME -> pattern == null
              ? "yyyy-mm-dd hh:mm:ss"
              : ExcelPatterns.dateFormat(pattern);
          case INTEGER, DECIMAL -> pattern;
          default -> null;
        };
    if (format == null) {
      return null;
    }
    CellStyle s = wb.createCellStyle();
    s.setDataFormat(wb.createDataFormat().getFormat(format));
    return s;
  }

  private SXSSFSheet newSheet() {
    SXSSFSheet s = wb.createSheet("Sheet" + (wb.getNumberOfSheets() + 1));
    s.createFreezePane(0, 1);
    SXSSFRow r = s.createRow(0);
    for (int i = 0; i < columns.size(); i++) {
      Cell c = r.createCell(i);
      String h = columns.get(i).header();
      c.setCellValue(options.escapeFormulas() ? Cells.neutralise(h) : h);
      c.setCellStyle(header);
      widths[i] = Math.max(widths[i], h.length());
    }
    sheetRow = 1;
    return s;
  }

  @Override
  public void write(List<?> values) throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    Cells.check(columns, values);
    try {
      if (sheetRow == rowsPerSheet) {
        if (sampling) {
          endSample();
        }
        sheet = newSheet();
      }
      SXSSFRow r = sheet.createRow(sheetRow++);
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        if (v != null) {
          set(r.createCell(i), i, v);
        }
      }
      rows++;
      if (sampling && rows == WIDTH_SAMPLE) {
        endSample();
      }
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private void set(Cell c, int i, Object v) {
    ColumnType type = columns.get(i).type();
    CellStyle style = styles[i];
    if (style != null) {
      c.setCellStyle(style);
    }
    String sample = null;
    switch (type) {
      case INTEGER -> {
        if (v instanceof BigInteger b && b.abs().compareTo(MAX_EXACT) > 0) {
          c.setCellValue(b.toString()); // Excel keeps 15 digits: keep the exact text instead
        } else {
          c.setCellValue(((Number) v).doubleValue());
        }
        sample = sampling ? v.toString() : null;
      }
      case DECIMAL -> {
        double d = ((Number) v).doubleValue();
        if (Double.isFinite(d)) {
          c.setCellValue(d);
        } else {
          c.setCellValue(Double.toString(d));
        }
        sample = sampling ? Cells.plain((Number) v) : null;
      }
      case DATE -> c.setCellValue((LocalDate) v);
      case DATETIME -> c.setCellValue(Cells.local((Temporal) v, options.zone()));
      case BOOLEAN -> c.setCellValue((Boolean) v);
      case TEXT -> {
        String s = v.toString();
        if (options.escapeFormulas() && !(v instanceof Number)) {
          s = Cells.neutralise(s);
        }
        c.setCellValue(s);
        sample = s;
      }
    }
    if (sampling) {
      int w = sample != null ? displayWidth(sample) : type == ColumnType.DATETIME ? 19 : 10;
      widths[i] = Math.max(widths[i], w);
    }
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

  private void endSample() {
    sampling = false;
  }

  /**
   * Sets the sampled widths on every sheet. Done only when the workbook is written: once a sheet
   * has column definitions, POI looks up each flushed cell's column style, which costs a third
   * of the writer's speed.
   */
  private void applyWidths() {
    for (int i = 0; i < wb.getNumberOfSheets(); i++) {
      applyWidths(wb.getSheetAt(i));
    }
  }

  private void applyWidths(SXSSFSheet s) {
    for (int i = 0; i < widths.length; i++) {
      s.setColumnWidth(i, Math.min(60, Math.max(8, widths[i] + 2)) * 256);
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
    try {
      if (failed) {
        throw new IllegalStateException("a row failed to be written; the workbook is incomplete");
      }
      endSample();
      applyWidths();
      wb.write(new FilterOutputStream(out) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          out.flush(); // the caller owns the stream
        }
      });
      out.flush();
    } finally {
      wb.close(); // since POI 5.4 close() deletes the temp files that dispose() used to
    }
  }

  /** Discards the workbook unless finished: nothing is written, the temp files go. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    wb.close();
  }
}
