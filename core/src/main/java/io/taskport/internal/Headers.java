package io.taskport.internal;

import io.taskport.NonRetryableException;
import io.taskport.TaskError;
import io.taskport.format.Row;
import io.taskport.handler.RowMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each field of a row mapping sits in the file: matched on the header row by name or
 * alias, ignoring case, spaces, underscores and hyphens.
 */
final class Headers {
  final List<String> names;
  final int[] columnOfField;

  private Headers(List<String> names, int[] columnOfField) {
    this.names = names;
    this.columnOfField = columnOfField;
  }

  /**
   * Matches the header row.
   *
   * @throws NonRetryableException naming the missing required columns, or a field given twice
   */
  static Headers match(Row header, RowMapping<?> mapping) {
    Map<String, Integer> columns = new HashMap<>();
    List<String> names = header.cells();
    for (int i = 0; i < names.size(); i++) {
      String key = Conversions.normalize(names.get(i));
      if (!key.isEmpty()) {
        columns.putIfAbsent(key, i);
      }
    }
    List<RowMapping.Field> fields = mapping.fields();
    int[] columnOfField = new int[fields.size()];
    List<String> missing = new ArrayList<>();
    for (int f = 0; f < fields.size(); f++) {
      RowMapping.Field field = fields.get(f);
      int found = -1;
      List<String> candidates = new ArrayList<>(field.aliases());
      candidates.add(0, field.name());
      for (String candidate : candidates) {
        Integer c = columns.get(Conversions.normalize(candidate));
        if (c != null) {
          if (found >= 0 && found != c) {
            throw new NonRetryableException(
                TaskError.INVALID_FILE,
                "columns '" + names.get(found) + "' and '" + names.get(c) + "' both give "
                    + field.name() + "; keep one of them");
          }
          found = c;
        }
      }
      if (found < 0 && field.required()) {
        missing.add(
            "'" + field.name() + "'"
                + (field.aliases().isEmpty() ? "" : " (or " + String.join(", ", field.aliases()) + ")"));
      }
      columnOfField[f] = found;
    }
    if (!missing.isEmpty()) {
      throw new NonRetryableException(
          TaskError.INVALID_FILE,
          "the file lacks the required column" + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing) + " in its header row " + header.number());
    }
    return new Headers(List.copyOf(names), columnOfField);
  }

  /** Returns the headers of columns no field maps to. */
  List<String> unmapped() {
    boolean[] used = new boolean[names.size()];
    for (int c : columnOfField) {
      if (c >= 0) {
        used[c] = true;
      }
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!used[i] && !names.get(i).isBlank()) {
        unknown.add(names.get(i));
      }
    }
    return unknown;
  }
}
