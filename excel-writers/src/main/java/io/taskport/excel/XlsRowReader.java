package io.taskport.excel;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.DimensionsRecord;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MulRKRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.RowRecord;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.jspecify.annotations.Nullable;

/**
 * Reads one sheet of an Excel 97-2003 workbook with POI's record-level event API (pulling from
 * a {@link RecordFactoryInputStream}), never the usermodel.
 */
final class XlsRowReader implements RowReader {
  /** Excel 97-2003's row limit per sheet. */
  private static final int MAX_ROWS = 65_536;

  private final Path file;
  private final POIFSFileSystem fs;
  private final InputStream stream;
  private final RecordFactoryInputStream records;
  private final FormatOptions options;
  private final List<BoundSheetRecord> bound = new ArrayList<>();
  private final List<Integer> xfFormats = new ArrayList<>();
  private final Map<Integer, String> formats = new HashMap<>();
  private @Nullable SSTRecord sst;
  private boolean date1904;
  private int wantedBofRank = -1;
  private int bofRank = -1;
  private int depth;
  private boolean inSheet;
  private boolean done;
  private int row = -1;
  private String[] cells = new String[16];
  private ColumnType[] types = new ColumnType[16];
  private ColumnType[] returnedTypes = new ColumnType[0];
  private int width;
  /** The width each ROW record gave its row (its last column + 1), until the row is read. */
  private final Map<Integer, Integer> rowWidths = new HashMap<>();
  private int pendingFormulaColumn = -1;
  private long returned;
  private final java.util.SortedSet<Integer> sheetsWithData = new java.util.TreeSet<>();

  XlsRowReader(InputStream in, FormatOptions options) throws IOException {
    this.options = options;
    this.file = TempCopy.of(in, ".xls", options.limits().maxBytes());
    POIFSFileSystem f = null;
    try {
      if (Signatures.of(TempCopy.head(file)) != Signatures.Kind.OLE2) {
        throw new FormatException(Texts.key("xls.not"), null);
      }
      f = new POIFSFileSystem(file.toFile(), true);
      if (Ole2.isEncrypted(f)) {
        throw new FormatException(Texts.key(Ole2.ENCRYPTED), null);
      }
      String name = HSSFWorkbook.getWorkbookDirEntryName(f.getRoot());
      this.fs = f;
      this.stream = f.createDocumentInputStream(name);
      this.records = new RecordFactoryInputStream(stream, false);
    } catch (EncryptedDocumentException e) {
      close(f);
      throw new FormatException(Texts.key(Ole2.ENCRYPTED), e);
    } catch (OldExcelFormatException e) {
      close(f);
      throw new FormatException(Texts.key("xls.biff5"), e);
    } catch (IOException | RuntimeException e) {
      close(f);
      if (e instanceof FormatException) {
        throw e;
      }
      throw new FormatException(Texts.key("xls.invalid"), e);
    }
  }

  private void close(@Nullable POIFSFileSystem f) throws IOException {
    try {
      if (f != null) {
        f.close();
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Override
  public @Nullable Row next() throws IOException {
    try {
      while (!done) {
        org.apache.poi.hssf.record.Record r = records.nextRecord();
        if (r == null) {
          done = true;
          return flush();
        }
        Row finished = handle(r);
        if (finished != null) {
          return finished;
        }
      }
      return null;
    } catch (EncryptedDocumentException e) {
      throw new FormatException(Texts.key(Ole2.ENCRYPTED), e);
    } catch (RuntimeException e) {
      if (e instanceof FormatException) {
        throw e;
      }
      throw new FormatException(Texts.key("xls.damagedRecord"), e);
    }
  }

  private @Nullable Row handle(org.apache.poi.hssf.record.Record r) {
    if (r instanceof BOFRecord b) {
      if (depth++ == 0 && b.getType() != BOFRecord.TYPE_WORKBOOK) {
        bofRank++;
        if (wantedBofRank < 0) {
          wantedBofRank = chooseSheet();
        }
        inSheet = bofRank == wantedBofRank;
      }
      return null;
    }
    if (r instanceof EOFRecord) {
      if (--depth == 0 && inSheet) {
        done = true;
        Row last = flush();
        if (last == null && returned == 0) {
          checkOtherSheets();
        }
        return last;
      }
      return null;
    }
    if (!inSheet && depth == 1 && bofRank >= 0
        && (r instanceof CellValueRecordInterface || r instanceof MulRKRecord)) {
      sheetsWithData.add(bofRank);
    }
    if (!inSheet || depth != 1) {
      if (r instanceof BoundSheetRecord b) {
        bound.add(b);
      } else if (r instanceof SSTRecord s) {
        sst = s;
      } else if (r instanceof ExtendedFormatRecord x) {
        xfFormats.add((int) x.getFormatIndex());
      } else if (r instanceof FormatRecord f) {
        formats.put(f.getIndexCode(), f.getFormatString());
      } else if (r instanceof DateWindow1904Record d) {
        date1904 = d.getWindowing() == 1;
      }
      return null;
    }
    if (r instanceof DimensionsRecord d && d.getLastRow() > MAX_ROWS) {
      throw new FormatException(
          Texts.key(
              "xls.tooManyRows",
              String.format(java.util.Locale.ROOT, "%,d", d.getLastRow()),
              String.format(java.util.Locale.ROOT, "%,d", MAX_ROWS)),
          null);
    }
    if (r instanceof RowRecord w) {
      rowWidths.put(w.getRowNumber(), w.getLastCol());
      return null;
    }
    if (r instanceof CellValueRecordInterface c) {
      Row finished = c.getRow() != row ? flush() : null;
      row = c.getRow();
      cell(c);
      return finished;
    }
    if (r instanceof MulRKRecord m) {
      Row finished = m.getRow() != row ? flush() : null;
      row = m.getRow();
      if (m.getLastColumn() >= options.limits().maxColumns()) {
        throw tooWide(m.getLastColumn());
      }
      for (int i = 0; i < m.getNumColumns(); i++) {
        putNumber(m.getFirstColumn() + i, number(m.getRKNumberAt(i), m.getXFAt(i)));
      }
      return finished;
    }
    if (r instanceof StringRecord s && pendingFormulaColumn >= 0) {
      put(pendingFormulaColumn, s.getString());
      pendingFormulaColumn = -1;
    }
    return null;
  }

  private int chooseSheet() {
    BoundSheetRecord[] ordered = BoundSheetRecord.orderByBofPosition(bound);
    List<WorkbookParts.Sheet> sheets = new ArrayList<>();
    for (BoundSheetRecord b : bound) {
      sheets.add(new WorkbookParts.Sheet(b.getSheetname(), "", !b.isHidden() && !b.isVeryHidden()));
    }
    WorkbookParts.Sheet chosen = SheetChoice.choose(sheets, options);
    BoundSheetRecord wanted = bound.get(sheets.indexOf(chosen));
    return Arrays.asList(ordered).indexOf(wanted);
  }

  /** Reads the rest of the workbook and refuses the empty sheet if a later one has data. */
  private void checkOtherSheets() {
    for (org.apache.poi.hssf.record.Record r = records.nextRecord(); r != null;
        r = records.nextRecord()) {
      if (r instanceof BOFRecord) {
        if (depth++ == 0) {
          bofRank++;
        }
      } else if (r instanceof EOFRecord) {
        depth--;
      } else if (depth == 1
          && (r instanceof CellValueRecordInterface || r instanceof MulRKRecord)) {
        sheetsWithData.add(bofRank);
      }
    }
    BoundSheetRecord[] ordered = BoundSheetRecord.orderByBofPosition(bound);
    List<String> names = new ArrayList<>();
    for (int rank : sheetsWithData) {
      if (rank < ordered.length) {
        names.add(ordered[rank].getSheetname());
      }
    }
    if (!names.isEmpty() && wantedBofRank < ordered.length) {
      throw SheetChoice.emptyButOthersHaveData(ordered[wantedBofRank].getSheetname(), names);
    }
  }

  private void cell(CellValueRecordInterface c) {
    int col = c.getColumn();
    if (c instanceof NumberRecord n) {
      putNumber(col, number(n.getValue(), n.getXFIndex()));
    } else if (c instanceof RKRecord k) {
      putNumber(col, number(k.getRKNumber(), k.getXFIndex()));
    } else if (c instanceof LabelSSTRecord l) {
      SSTRecord s = sst;
      if (s == null || l.getSSTIndex() >= s.getNumUniqueStrings()) {
        throw new FormatException(
            Texts.key("xls.badSharedString", row + 1), row + 1, null, null);
      }
      put(col, Cells.unguard(s.getString(l.getSSTIndex()).getString()));
    } else if (c instanceof LabelRecord l) {
      put(col, Cells.unguard(l.getValue()));
    } else if (c instanceof BoolErrRecord b) {
      if (b.isBoolean()) {
        put(col, Cells.bool(b.getBooleanValue()), ColumnType.BOOLEAN);
      } else {
        put(col, FormulaError.forInt(b.getErrorValue()).getString());
      }
    } else if (c instanceof FormulaRecord f) {
      CellType t = f.getCachedResultTypeEnum();
      if (t == CellType.NUMERIC) {
        putNumber(col, number(f.getValue(), f.getXFIndex()));
      } else if (t == CellType.BOOLEAN) {
        put(col, Cells.bool(f.getCachedBooleanValue()), ColumnType.BOOLEAN);
      } else if (t == CellType.ERROR) {
        put(col, FormulaError.forInt(f.getCachedErrorValue()).getString());
      } else if (t == CellType.STRING) {
        pendingFormulaColumn = col;
      }
    }
  }

  private String number(double d, int xf) {
    if (xf >= 0 && xf < xfFormats.size()) {
      int fmt = xfFormats.get(xf);
      String code = formats.getOrDefault(fmt, BuiltinFormats.getBuiltinFormat(fmt));
      if (code != null && DateUtil.isADateFormat(fmt, code)) {
        return Cells.serial(d, date1904);
      }
    }
    return Cells.plain(d);
  }

  private void put(int col, String text) {
    put(col, text, ColumnType.TEXT);
  }

  private void putNumber(int col, String text) {
    put(col, text, Cells.typeOfNumber(text));
  }

  private void put(int col, String text, ColumnType type) {
    long number = row + 1L;
    if (col >= options.limits().maxColumns()) {
      throw tooWide(col);
    }
    if (text.length() > options.limits().maxCellChars()) {
      throw new LimitExceededException(
          "maxCellChars", options.limits().maxCellChars(), text.length(), number,
          Cells.letters(col));
    }
    if (col >= cells.length) {
      cells = Arrays.copyOf(cells, Math.max(col + 1, cells.length * 2));
    }
    for (int i = width; i < col; i++) {
      cells[i] = "";
    }
    if (col >= types.length) {
      types = Arrays.copyOf(types, cells.length);
    }
    for (int i = width; i < col; i++) {
      types[i] = ColumnType.TEXT;
    }
    cells[col] = text;
    types[col] = type;
    width = Math.max(width, col + 1);
  }

  /**
   * The limit passed at a cell of the current row. Its width is the one its ROW record gives;
   * without a ROW record that covers the cell it is not known.
   */
  private LimitExceededException tooWide(int col) {
    int max = options.limits().maxColumns();
    int declared = rowWidths.getOrDefault(row, 0);
    return new LimitExceededException(
        "maxColumns", max, declared > col ? declared : -1, row + 1L, Cells.letters(max));
  }

  private @Nullable Row flush() {
    rowWidths.remove(row);
    if (width == 0) {
      return null;
    }
    if (returned++ > options.limits().maxRows()) {
      throw new LimitExceededException("maxRows", options.limits().maxRows(), row + 1, null);
    }
    Row r = new Row(row + 1L, List.of(Arrays.copyOf(cells, width)));
    returnedTypes = Arrays.copyOf(types, width);
    width = 0;
    return r;
  }

  @Override
  public ColumnType cellType(int column) {
    return column >= 0 && column < returnedTypes.length ? returnedTypes[column] : ColumnType.TEXT;
  }

  @Override
  public boolean date1904() {
    return date1904;
  }

  @Override
  public void close() throws IOException {
    done = true;
    try (InputStream s = stream) {
      fs.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
