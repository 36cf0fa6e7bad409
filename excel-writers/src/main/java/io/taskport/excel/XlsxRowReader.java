package io.taskport.excel;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.typed.TypedXMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Streams one sheet's XML with StAX and turns each {@code <row>} into a {@link Row}: shared,
 * inline and rich strings, plain numbers at full precision, ISO dates by cell style, booleans,
 * cached formula results, booleans as {@code TRUE}/{@code FALSE}. Rows without cells are skipped; {@link Row#number()} keeps the
 * sheet's numbering.
 */
final class XlsxRowReader implements RowReader {
  private static final String PART = "sheet XML";
  private final XlsxWorkbook wb;
  private final XMLStreamReader xml;
  /** The parser's typed view, which reads attribute values without making strings of them. */
  private final @Nullable TypedXMLStreamReader typed;
  private final CellRefs.ColumnDecoder columns = new CellRefs.ColumnDecoder();
  private final @Nullable SharedStrings strings;
  private final int maxCellChars;
  private final int maxColumns;
  private final long maxRows;
  private long estimated = -1;
  private long returned;
  private long lastRow;
  private boolean done;
  private String[] cells = new String[16];
  private ColumnType[] types = new ColumnType[16];
  private ColumnType lastType = ColumnType.TEXT;

  XlsxRowReader(InputStream in, FormatOptions options, XlsxFormat format) throws IOException {
    this.wb = new XlsxWorkbook(in, options, format);
    this.strings = wb.strings();
    this.maxCellChars = options.limits().maxCellChars();
    this.maxColumns = options.limits().maxColumns();
    this.maxRows = options.limits().maxRows();
    try {
      this.xml = XmlParsers.open(wb.xml, wb.sheet, PART);
      this.typed = xml instanceof TypedXMLStreamReader t ? t : null;
      toSheetData();
    } catch (RuntimeException e) {
      wb.close();
      throw e;
    }
  }

  private void toSheetData() {
    try {
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if (name.equals("dimension")) {
            estimated = estimate(xml.getAttributeValue(null, "ref"));
          } else if (name.equals("sheetData")) {
            return;
          }
        }
      }
      done = true;
    } catch (XMLStreamException e) {
      throw XmlParsers.malformed(PART, e);
    }
  }

  private static long estimate(@Nullable String ref) {
    if (ref == null || ref.indexOf(':') < 0) {
      return -1;
    }
    long last = CellRefs.row(ref.substring(ref.indexOf(':') + 1));
    if (last > XlsxFormat.EXCEL_MAX_ROWS) {
      throw tooManyRows("declares", last);
    }
    return last > 1 ? last - 1 : -1; // only an estimate: the dimension may lie
  }

  static FormatException tooManyRows(String verb, long rows) {
    return new FormatException(
        Texts.key(
            "xlsx.tooManyRows." + verb,
            String.format(java.util.Locale.ROOT, "%,d", rows),
            String.format(java.util.Locale.ROOT, "%,d", XlsxFormat.EXCEL_MAX_ROWS)),
        null);
  }

  @Override
  public ColumnType cellType(int column) {
    return column >= 0 && column < types.length && types[column] != null
        ? types[column]
        : ColumnType.TEXT;
  }

  @Override
  public boolean date1904() {
    return wb.date1904;
  }

  @Override
  public long estimatedRows() {
    return estimated;
  }

  @Override
  public @Nullable Row next() throws IOException {
    if (done) {
      return null;
    }
    try {
      while (xml.hasNext()) {
        int e = xml.next();
        if (e == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
          Row row = row();
          if (row != null) {
            return row;
          }
        } else if (e == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sheetData")) {
          break;
        }
      }
      done = true;
      if (returned == 0) {
        checkOtherSheets();
      }
      return null;
    } catch (XMLStreamException | NumberFormatException e) {
      throw XmlParsers.malformed(PART, e);
    }
  }

  private @Nullable Row row() throws XMLStreamException {
    String r = xml.getAttributeValue(null, "r");
    long number = r != null ? Long.parseLong(r.trim()) : lastRow + 1;
    if (number > XlsxFormat.EXCEL_MAX_ROWS) {
      throw tooManyRows("holds", number);
    }
    lastRow = number;
    int n = 0;
    while (true) {
      int e = xml.nextTag();
      if (e == XMLStreamConstants.END_ELEMENT) {
        break; // </row>
      }
      if (!xml.getLocalName().equals("c")) {
        skip();
        continue;
      }
      String type = null;
      int style = 0;
      int col = n;
      for (int i = 0, a = xml.getAttributeCount(); i < a; i++) {
        String name = xml.getAttributeLocalName(i);
        if (name.equals("r")) {
          col = column(i);
        } else if (name.equals("t")) {
          type = xml.getAttributeValue(i);
        } else if (name.equals("s")) {
          style = typed != null ? typed.getAttributeAsInt(i)
              : Integer.parseInt(xml.getAttributeValue(i));
        }
      }
      if (col < n) {
        col = n; // out of order or duplicate: keep reading order
      }
      if (col >= maxColumns) {
        throw new LimitExceededException(
            "maxColumns", maxColumns, widthOfRest(col), number, Cells.letters(maxColumns));
      }
      if (col >= cells.length) {
        cells = Arrays.copyOf(cells, Math.max(col + 1, cells.length * 2));
        types = Arrays.copyOf(types, cells.length);
      }
      while (n < col) {
        types[n] = ColumnType.TEXT;
        cells[n++] = "";
      }
      lastType = ColumnType.TEXT;
      String value = cell(type, style, number, col);
      types[n] = lastType;
      if (value.length() > maxCellChars) {
        throw new LimitExceededException(
            "maxCellChars", maxCellChars, value.length(), number, Cells.letters(col));
      }
      cells[n++] = value;
    }
    if (n == 0) {
      return null;
    }
    if (returned++ > maxRows) {
      throw new LimitExceededException("maxRows", maxRows, number, null);
    }
    return new Row(number, List.of(Arrays.copyOf(cells, n)));
  }

  /** Refuses an empty sheet when another sheet of the workbook has data. */
  private void checkOtherSheets() throws IOException, XMLStreamException {
    List<String> withData = new ArrayList<>();
    for (WorkbookParts.Sheet s : wb.sheets) {
      if (s != wb.chosen && hasData(s)) {
        withData.add(s.name());
      }
    }
    if (!withData.isEmpty() && wb.chosen != null) {
      throw SheetChoice.emptyButOthersHaveData(wb.chosen.name(), withData);
    }
  }

  private boolean hasData(WorkbookParts.Sheet s) throws IOException, XMLStreamException {
    try (InputStream in = wb.open(s)) {
      XMLStreamReader r = XmlParsers.open(wb.xml, in, PART);
      try {
        while (r.hasNext()) {
          int e = r.next();
          if (e == XMLStreamConstants.START_ELEMENT
              && (r.getLocalName().equals("v") || r.getLocalName().equals("is"))) {
            return true;
          }
        }
        return false;
      } finally {
        r.close();
      }
    }
  }

  /** Returns the column of the cell reference in attribute {@code i}. */
  private int column(int i) throws XMLStreamException {
    if (typed == null) {
      return CellRefs.column(xml.getAttributeValue(i));
    }
    typed.getAttributeAs(i, columns);
    return columns.column;
  }

  /** Skips the rest of a row too wide to keep and returns its width, in columns. */
  private long widthOfRest(int col) throws XMLStreamException {
    long last = col;
    skip();
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      String ref = xml.getLocalName().equals("c") ? xml.getAttributeValue(null, "r") : null;
      last = ref != null ? Math.max(last, CellRefs.column(ref)) : last + 1;
      skip();
    }
    return last + 1;
  }

  /** Reads a cell's children up to {@code </c>} and returns its text. */
  private String cell(@Nullable String type, int style, long row, int col)
      throws XMLStreamException {
    String v = null;
    String inline = null;
    while (true) {
      int e = xml.nextTag();
      if (e == XMLStreamConstants.END_ELEMENT) {
        break; // </c>
      }
      String name = xml.getLocalName();
      if (name.equals("v")) {
        v = xml.getElementText();
      } else if (name.equals("is")) {
        inline = RichText.read(xml, "is");
      } else {
        skip(); // <f> and extensions: formulas are never evaluated
      }
    }
    if (type == null || type.equals("n")) {
      String text = v == null || v.isEmpty() ? "" : number(v, style);
      lastType = Cells.typeOfNumber(text);
      return text;
    }
    switch (type) {
      case "s":
        return Cells.unguard(shared(v, row, col));
      case "inlineStr":
        return Cells.unguard(inline != null ? inline : v != null ? v : "");
      case "b":
        lastType = v == null ? ColumnType.TEXT : ColumnType.BOOLEAN;
        return v == null ? "" : Cells.bool(v.trim().equals("1") || v.trim().equals("true"));
      default: // str (formula text), e (error such as #DIV/0!), d (ISO date)
        return v != null ? v : inline != null ? inline : "";
    }
  }

  private String number(String v, int style) {
    if (style > 0 && style < wb.dateStyles.length && wb.dateStyles[style]) {
      try {
        return Cells.serial(Double.parseDouble(v), wb.date1904);
      } catch (NumberFormatException e) {
        return v;
      }
    }
    return Cells.plainNumber(v.trim());
  }

  private String shared(@Nullable String v, long row, int col) {
    if (strings == null || v == null) {
      throw new FormatException(
          Texts.key("xlsx.noSharedStrings", row), row, Cells.letters(col), null);
    }
    int i;
    try {
      i = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new FormatException(
          Texts.key("xlsx.badSharedString", row), row, Cells.letters(col), null);
    }
    String s = strings.get(i, row);
    if (s == null) {
      throw new LimitExceededException(
          "maxCellChars", maxCellChars, strings.tooLongLength(i), row, Cells.letters(col));
    }
    return s;
  }

  private void skip() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int e = xml.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  @Override
  public void close() throws IOException {
    done = true;
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // closing releases nothing we need
    } finally {
      wb.close();
    }
  }
}
