package io.taskport.excel;

import org.codehaus.stax2.typed.TypedValueDecoder;

/** Parses A1-style cell references. */
final class CellRefs {
  private CellRefs() {}

  /**
   * Reads the column of a cell's {@code r} attribute from the parser's buffer, without making a
   * string of it; -1 when the value is empty.
   */
  static final class ColumnDecoder extends TypedValueDecoder {
    int column;

    @Override
    public void decode(String ref) {
      column = column(ref);
    }

    @Override
    public void decode(char[] ref, int start, int end) {
      column = column(ref, start, end);
    }

    @Override
    public void handleEmptyValue() {
      column = -1;
    }
  }

  /** Returns the 0-based column of a reference such as {@code AB12}. */
  static int column(String ref) {
    return column(ref.toCharArray(), 0, ref.length());
  }

  /** Returns the 0-based column of the reference in {@code ref[start..end)}. */
  static int column(char[] ref, int start, int end) {
    int col = 0;
    for (int i = start; i < end; i++) {
      char c = ref[i];
      if (c >= 'A' && c <= 'Z') {
        col = col * 26 + (c - 'A' + 1);
        if (col > 1 << 20) {
          return 1 << 20;
        }
      } else if (c != '$') {
        break;
      }
    }
    return col - 1;
  }

  /** Returns the 1-based row of a reference such as {@code AB12}, or -1. */
  static long row(String ref) {
    long row = 0;
    boolean any = false;
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c >= '0' && c <= '9') {
        row = row * 10 + (c - '0');
        any = true;
        if (row > Integer.MAX_VALUE) {
          return -1;
        }
      }
    }
    return any ? row : -1;
  }
}
