package io.taskport.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column of an import template, as {@link TabularFormat#writeTemplate} writes it.
 *
 * @param header the header the template writes
 * @param aliases other headers the import accepts
 * @param type the kind of value: {@link ColumnType#TEXT} for text and for enums (whose names are
 *     then the {@code allowed} values), {@link ColumnType#INTEGER}, {@link ColumnType#DECIMAL},
 *     {@link ColumnType#DATE}, {@link ColumnType#DATETIME} or {@link ColumnType#BOOLEAN}
 * @param required whether the column must be present
 * @param allowEmpty with {@code required}: whether its cells may be empty
 * @param allowed the values a cell may hold, offered as a drop-down list; empty for any value
 * @param example an example value, as text in the form the import reads
 */
public record TemplateColumn(
    String header,
    List<String> aliases,
    ColumnType type,
    boolean required,
    boolean allowEmpty,
    List<String> allowed,
    String example) {
  /** Checks the parts and copies the lists. */
  public TemplateColumn {
    requireNonNull(header, "header");
    requireNonNull(type, "type");
    requireNonNull(example, "example");
    aliases = List.copyOf(aliases);
    allowed = List.copyOf(allowed);
  }

  /** Whether every data row must hold a value in this column. */
  public boolean valueRequired() {
    return required && !allowEmpty;
  }
}
