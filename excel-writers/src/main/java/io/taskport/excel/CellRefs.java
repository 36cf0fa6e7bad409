package io.taskport.excel;

/** Parses A1-style cell references. */
final class CellRefs {
  private CellRefs() {}

  /** Returns the 0-based column of a reference such as {@code AB12}. */
  static int column(String ref) {
    int col = 0;
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
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
