package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns of one sheet as the streaming writer needs them: types, the start of each
 * column's number cells, column letters and sampled widths; and the workbook's number formats,
 * which every sheet adds to.
 */
final class SheetLayout {
  final List<? extends Column<?>> columns;
  final ColumnType[] types;
  final byte[][] numberOpen;
  final byte[][] letters;
  final int[] widths;
  /** The start of a date and of a date-time cell in an {@link ColumnType#ANY} column. */
  final byte[] dateOpen;
  final byte[] dateTimeOpen;

  SheetLayout(List<? extends Column<?>> columns, List<String> formats) {
    this.columns = List.copyOf(columns);
    int n = this.columns.size();
    types = new ColumnType[n];
    numberOpen = new byte[n][];
    letters = new byte[n][];
    widths = new int[n];
    for (int i = 0; i < n; i++) {
      types[i] = this.columns.get(i).type();
      numberOpen[i] = open(style(this.columns.get(i), formats));
      letters[i] = Cells.letters(i).getBytes(StandardCharsets.US_ASCII);
    }
    boolean any = Arrays.asList(types).contains(ColumnType.ANY);
    dateOpen = any ? open(style("yyyy-mm-dd", formats)) : new byte[0];
    dateTimeOpen = any ? open(style("yyyy-mm-dd hh:mm:ss", formats)) : new byte[0];
  }

  /** A layout for a format list of its own; the writer's first sheet starts one. */
  static List<String> newFormats() {
    return new ArrayList<>();
  }

  private static byte[] open(int style) {
    return (style == 0 ? "><v>" : " s=\"" + style + "\"><v>").getBytes(StandardCharsets.US_ASCII);
  }

  /** Returns the cell style of a column's numbers: 0 (General) or 2 + its number format. */
  private static int style(Column<?> column, List<String> formats) {
    String pattern = column.pattern();
    String format = switch (column.type()) {
      case DATE -> pattern == null ? "yyyy-mm-dd" : ExcelPatterns.dateFormat(pattern);
      case DATETIME -> pattern == null ? "yyyy-mm-dd hh:mm:ss" : ExcelPatterns.dateFormat(pattern);
      case INTEGER, DECIMAL -> pattern;
      default -> null;
    };
    return format == null ? 0 : style(format, formats);
  }

  private static int style(String format, List<String> formats) {
    int k = formats.indexOf(format);
    if (k < 0) {
      k = formats.size();
      formats.add(format);
    }
    return 2 + k;
  }
}
