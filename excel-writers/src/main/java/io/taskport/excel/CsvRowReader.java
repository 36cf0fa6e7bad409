package io.taskport.excel;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A streaming RFC 4180 parser with bounded memory: no cell grows past {@code maxCellChars} and
 * no record past {@code maxColumns} cells, whatever the input.
 */
final class CsvRowReader implements RowReader {
  private static final int EOF = -1;
  private final CharSource source;
  private final char delimiter;
  private final int maxCellChars;
  private final int maxColumns;
  private final long maxRows;
  private char[] buf;
  private int pos;
  private int limit;
  private boolean ended;
  private long record;
  /** Line breaks consumed so far, also inside quoted fields. */
  private long lines;
  private boolean lastCr;
  /** The line where the current record starts: the row number a user sees. */
  private long row;
  private String[] fields = new String[16];
  private char[] cell = new char[256];
  private int cellLength;
  /** The length of an unquoted cell past {@code maxCellChars}, or -1. */
  private long overflow = -1;

  CsvRowReader(InputStream in, FormatOptions options) throws IOException {
    this.source = new CharSource(in, options.charset());
    this.maxCellChars = options.limits().maxCellChars();
    this.maxColumns = options.limits().maxColumns();
    this.maxRows = options.limits().maxRows();
    this.buf = source.array();
    refill();
    Character d = options.delimiter();
    this.delimiter = d != null ? d : detectDelimiter();
  }

  private char detectDelimiter() {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = pos; i < limit; i++) {
      char c = buf[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == '\n' || c == '\r') {
          break;
        }
        commas += c == ',' ? 1 : 0;
        semicolons += c == ';' ? 1 : 0;
        tabs += c == '\t' ? 1 : 0;
      }
    }
    if (semicolons > commas && semicolons >= tabs) {
      return ';';
    }
    return tabs > commas && tabs > semicolons ? '\t' : ',';
  }

  private boolean refill() throws IOException {
    if (ended) {
      return false;
    }
    int n = source.fill(lines + 1);
    pos = 0;
    limit = Math.max(n, 0);
    ended = n < 0;
    return !ended;
  }

  private int peek() throws IOException {
    if (pos == limit && !refill()) {
      return EOF;
    }
    return buf[pos];
  }

  @Override
  public @Nullable Row next() throws IOException {
    if (peek() == EOF) {
      return null;
    }
    record++;
    row = lines + 1;
    if (record - 1 > maxRows) {
      throw new LimitExceededException("maxRows", maxRows, row, null);
    }
    int n = 0;
    while (true) {
      if (n == maxColumns) {
        throw new LimitExceededException(
            "maxColumns", maxColumns, n + countRestOfRecord(), row, Cells.letters(n));
      }
      if (n == fields.length) {
        fields = Arrays.copyOf(fields, n * 2);
      }
      int end = peek() == '"' ? quoted(n) : unquoted(n);
      fields[n++] = cellText();
      if (end == EOF) {
        break;
      }
      if (end == '\n') {
        lines++;
        break;
      }
      if (end == '\r') {
        lines++;
        if (peek() == '\n') {
          pos++;
        }
        break;
      }
    }
    return new Row(row, List.of(Arrays.copyOf(fields, n)));
  }

  /** Reads the rest of a record too wide to keep and returns how many fields it has. */
  private long countRestOfRecord() throws IOException {
    long count = 0;
    while (true) {
      int end = peek() == '"' ? quoted(maxColumns) : unquoted(maxColumns);
      cellLength = 0;
      fast = null;
      count++;
      if (end == EOF || end == '\n' || end == '\r') {
        return count;
      }
    }
  }

  private @Nullable String fast;

  private String cellText() {
    String s = fast != null ? fast : new String(cell, 0, cellLength);
    fast = null;
    cellLength = 0;
    if (!s.isEmpty() && s.charAt(0) == '\'') {
      s = Cells.unguard(s);
    }
    return s;
  }

  /** Reads an unquoted cell; returns the character that ended it, consumed, or EOF. */
  private int unquoted(int column) throws IOException {
    char d = delimiter;
    while (true) {
      int start = pos;
      int p = pos;
      int lim = limit;
      char[] b = buf;
      while (p < lim) {
        char c = b[p];
        if (c <= '\r') {
          if (c == '\n' || c == '\r' || c == d) {
            break;
          }
          if (c == 0) {
            throw nul();
          }
        } else if (c == d) {
          break;
        }
        p++;
      }
      pos = p;
      if (p < lim) {
        if (cellLength == 0 && overflow < 0 && p - start <= maxCellChars) {
          fast = new String(b, start, p - start);
        } else {
          count(b, start, p - start, column);
        }
        pos++;
        checkOverflow(column);
        return b[p];
      }
      count(b, start, p - start, column);
      if (!refill()) {
        checkOverflow(column);
        return EOF;
      }
    }
  }

  /** Reads a quoted cell and anything after its closing quote up to the delimiter. */
  private int quoted(int column) throws IOException {
    long startRow = row;
    pos++;
    lastCr = false;
    while (true) {
      if (pos == limit && !refill()) {
        throw new FormatException(
            Texts.key("csv.unterminated", startRow),
            startRow,
            Cells.letters(column),
            null);
      }
      int start = pos;
      int p = pos;
      while (p < limit) {
        char c = buf[p];
        if (c <= '\r') {
          if (c == 0) {
            break;
          }
          if (c == '\n' && !lastCr || c == '\r') {
            lines++; // a line break inside the field: later records start on later lines
          }
          lastCr = c == '\r';
        } else if (c == '"') {
          lastCr = false;
          break;
        } else {
          lastCr = false;
        }
        p++;
      }
      append(buf, start, p - start, column);
      pos = p;
      if (p == limit) {
        continue;
      }
      if (buf[p] == 0) {
        throw nul();
      }
      pos++; // the quote
      int next = peek();
      if (next == '"') {
        append(buf, pos, 1, column);
        pos++;
      } else {
        return unquoted(column); // text after the closing quote is kept as is
      }
    }
  }

  /** Appends unquoted text; past the cell limit only counts it, to report the cell's length. */
  private void count(char[] b, int start, int length, int column) {
    if (overflow < 0 && cellLength + length <= maxCellChars) {
      append(b, start, length, column);
    } else {
      overflow = (overflow < 0 ? cellLength : overflow) + length;
    }
  }

  private void checkOverflow(int column) {
    if (overflow >= 0 && column < maxColumns) {
      long length = overflow;
      overflow = -1;
      throw new LimitExceededException("maxCellChars", maxCellChars, length, row,
          Cells.letters(column));
    }
    overflow = -1;
  }

  private void append(char[] b, int start, int length, int column) {
    if (length == 0) {
      return;
    }
    checkLength(cellLength + length, column);
    if (cellLength + length > cell.length) {
      cell = Arrays.copyOf(cell, Math.min(maxCellChars, Math.max(cell.length * 2, cellLength + length)));
    }
    System.arraycopy(b, start, cell, cellLength, length);
    cellLength += length;
  }

  private void checkLength(int length, int column) {
    if (length > maxCellChars) {
      throw new LimitExceededException("maxCellChars", maxCellChars, row, Cells.letters(column));
    }
  }

  private FormatException nul() {
    return new FormatException(Texts.key("csv.nul", lines + 1), lines + 1, null, null);
  }

  @Override
  public boolean countsFields() {
    return true;
  }

  @Override
  public void close() {
    ended = true;
    limit = 0;
    pos = 0;
  }
}
