package io.taskport.excel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's shared-strings table, bounded: it holds at most {@link #MAX_ENTRIES} strings of at
 * most {@link #MAX_LENGTH} characters each, and a column stops adding once it proves mostly
 * unique (more than half of its first {@link #PROBE} text cells were new). Text that is not in
 * the table is written inline, so memory stays flat whatever the data.
 */
final class XlsxStrings {
  static final int MAX_ENTRIES = 4096;
  static final int MAX_LENGTH = 64;
  static final int PROBE = 1024;

  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> strings = new ArrayList<>();
  private int[] seen;
  private int[] added;
  private boolean[] closed;
  private long uses;

  XlsxStrings(int columns) {
    seen = new int[columns];
    added = new int[columns];
    closed = new boolean[columns];
  }

  /** Starts the counts of a new sheet's columns; the table itself is the workbook's. */
  void columns(int columns) {
    seen = new int[columns];
    added = new int[columns];
    closed = new boolean[columns];
  }

  /** Returns the string's index in the table, adding it if the column still shares, or -1. */
  int indexOf(int column, String s) {
    if (closed[column]) {
      return -1;
    }
    if (s.length() > MAX_LENGTH) {
      seen[column]++;
      return -1;
    }
    Integer i = index.get(s);
    if (i != null) {
      seen[column]++;
      uses++;
      return i;
    }
    int n = ++seen[column];
    if (n >= PROBE && added[column] * 2 > n) {
      closed[column] = true; // mostly unique: sharing would only grow the table
      return -1;
    }
    if (strings.size() == MAX_ENTRIES) {
      return -1;
    }
    added[column]++;
    uses++;
    int next = strings.size();
    strings.add(s);
    index.put(s, next);
    return next;
  }

  boolean isEmpty() {
    return strings.isEmpty();
  }

  int size() {
    return strings.size();
  }

  /** Writes the {@code sharedStrings.xml} part. */
  void write(XmlOut x) throws IOException {
    x.ascii(XlsxParts.XML_HEAD + "<sst xmlns=\"" + XlsxParts.MAIN + "\" count=\"" + uses
        + "\" uniqueCount=\"" + strings.size() + "\">");
    for (String s : strings) {
      x.ascii("<si>");
      XlsxParts.t(x, s);
      x.ascii("</si>");
    }
    x.ascii("</sst>");
  }
}
