package io.taskport.internal;

import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.handler.RowMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Writes an empty import file: the expected headers and one example row. */
final class Templates {
  private Templates() {}

  static void write(
      RowMapping<?> mapping, TabularFormat format, FormatOptions options, OutputStream out)
      throws IOException {
    write(mapping, format, options, out, name -> name);
  }

  /** Writes the template with each field's header as {@code label} gives it. */
  static void write(
      RowMapping<?> mapping,
      TabularFormat format,
      FormatOptions options,
      OutputStream out,
      UnaryOperator<String> label)
      throws IOException {
    List<Column<Object>> columns = new ArrayList<>();
    List<Object> example = new ArrayList<>();
    for (RowMapping.Field f : mapping.fields()) {
      columns.add(Column.text(label.apply(f.name()), r -> r));
      example.add(f.example() != null ? f.example() : exampleOf(f.type()));
    }
    try (RowWriter w = format.openWriter(out, columns, options.escapeFormulas(false))) {
      w.write(example);
      w.finish();
    }
  }

  private static String exampleOf(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == short.class || type == Short.class) {
      return "123";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
        || type == BigDecimal.class) {
      return "123.45";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "yes";
    }
    if (type == LocalDate.class) {
      return "2024-03-31";
    }
    if (type == LocalDateTime.class) {
      return "2024-03-31 08:30";
    }
    if (type.isEnum() && type.getEnumConstants().length > 0) {
      return ((Enum<?>) type.getEnumConstants()[0]).name();
    }
    return "text";
  }
}
