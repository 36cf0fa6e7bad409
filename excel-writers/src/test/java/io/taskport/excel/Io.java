package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Small helpers: write rows to bytes, read bytes to rows. */
final class Io {
  private Io() {}

  static byte[] write(TabularFormat f, List<? extends Column<?>> columns, FormatOptions o,
      List<List<?>> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RowWriter w = f.openWriter(out, columns, o)) {
      for (List<?> r : rows) {
        w.write(r);
      }
      w.finish();
    }
    return out.toByteArray();
  }

  static List<Row> read(TabularFormat f, byte[] bytes, FormatOptions o) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (RowReader r = f.openReader(new ByteArrayInputStream(bytes), o)) {
      Row row;
      while ((row = r.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  static List<Row> read(TabularFormat f, byte[] bytes) throws IOException {
    return read(f, bytes, FormatOptions.defaults());
  }

  static List<List<String>> cells(List<Row> rows) {
    List<List<String>> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.cells());
    }
    return out;
  }
}
