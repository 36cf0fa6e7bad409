package io.taskport.internal;

import io.taskport.FormatException;
import io.taskport.Messages;
import io.taskport.NonRetryableException;
import io.taskport.TaskError;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import io.taskport.handler.RowMapping;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where each field of a row mapping sits in the file: matched on the header row by name or
 * alias, ignoring case, spaces, underscores and hyphens.
 */
final class Headers {
  /** How many non-blank rows are tried as the header row when the handler does not fix it. */
  static final int SEARCHED_ROWS = 20;

  final List<String> names;
  final int[] columnOfField;
  /** The header row's number in the file. */
  final long row;
  /** The columns up to the last non-empty header; cells beyond it must be empty. */
  final int width;
  /** Rows above the header row (title rows and blank rows), counted as skipped. */
  long rowsAbove;

  private Headers(List<String> names, int[] columnOfField, long row) {
    this.names = names;
    this.columnOfField = columnOfField;
    this.row = row;
    int w = names.size();
    while (w > 0 && names.get(w - 1).isBlank()) {
      w--;
    }
    this.width = w;
  }

  /**
   * Reads up to the header row: row {@code headerRow} when it is positive, otherwise the first of
   * the first {@value #SEARCHED_ROWS} non-blank rows that has every required column (and at least
   * one mapped column).
   *
   * @throws NonRetryableException naming the missing columns and the row looked at, or columns
   *     given twice
   * @throws FormatException if the file has no rows at all
   */
  static Headers find(RowReader reader, RowMapping<?> mapping, int headerRow) throws IOException {
    return find(reader, mapping, headerRow, Messages.core(), Locale.ENGLISH);
  }

  /**
   * Reads up to the header row as {@link #find(RowReader, RowMapping, int)} does, also accepting
   * each field's label in every language of the handler's bundle ({@code column.<field>}), and
   * writing its errors in {@code locale}.
   */
  static Headers find(
      RowReader reader, RowMapping<?> mapping, int headerRow, Messages labels, Locale locale)
      throws IOException {
    long above = 0;
    int tried = 0;
    Match best = null;
    for (Row row = reader.next(); row != null; row = reader.next()) {
      if (headerRow > 0 && row.number() < headerRow) {
        above++;
        continue;
      }
      if (headerRow > 0 && row.number() > headerRow) {
        break;
      }
      if (row.isBlank()) {
        if (headerRow > 0) {
          break;
        }
        above++;
        continue;
      }
      Match m = new Match(row, mapping, labels, locale);
      if (headerRow > 0 || m.qualifies()) {
        Headers h = m.headers();
        h.rowsAbove = above;
        return h;
      }
      if (best == null || m.found > best.found) {
        best = m;
      }
      above++;
      if (++tried == SEARCHED_ROWS) {
        break;
      }
    }
    if (headerRow > 0) {
      throw new NonRetryableException(
          TaskError.INVALID_FILE, Messages.format(locale, "header.rowMissing", headerRow));
    }
    if (best == null) {
      throw new FormatException(Messages.format(locale, "header.none"));
    }
    throw best.missingError(tried);
  }

  /** Matches one candidate header row against the mapping. */
  private static final class Match {
    final Row row;
    final List<String> names;
    final int[] columnOfField;
    final List<String> missing = new ArrayList<>();
    final List<String> all = new ArrayList<>();
    final Locale locale;
    @Nullable String conflict;
    int found;

    Match(Row row, RowMapping<?> mapping, Messages labels, Locale locale) {
      this.row = row;
      this.locale = locale;
      this.names = row.cells();
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        String key = Conversions.normalize(names.get(i));
        if (!key.isEmpty()) {
          columns.putIfAbsent(key, i);
        }
      }
      List<RowMapping.Field> fields = mapping.fields();
      columnOfField = new int[fields.size()];
      for (int f = 0; f < fields.size(); f++) {
        RowMapping.Field field = fields.get(f);
        String label = label(labels, field.name(), locale);
        all.add(Messages.format(locale, "header.quoted", label));
        int at = -1;
        List<String> candidates = new ArrayList<>(field.aliases());
        candidates.add(0, field.name());
        candidates.addAll(labels.texts(LABEL + field.name()));
        for (String candidate : candidates) {
          Integer c = columns.get(Conversions.normalize(candidate));
          if (c != null) {
            if (at >= 0 && at != c && conflict == null) {
              conflict =
                  Messages.format(locale, "header.conflict", names.get(at), names.get(c), label);
            }
            at = c;
          }
        }
        if (at >= 0) {
          found++;
        } else if (field.required()) {
          List<String> others = new ArrayList<>();
          for (String alias : field.aliases()) {
            if (!Conversions.normalize(alias).equals(Conversions.normalize(field.name()))) {
              others.add(alias);
            }
          }
          missing.add(
              others.isEmpty()
                  ? Messages.format(locale, "header.quoted", label)
                  : Messages.format(locale, "header.quotedOr", label, String.join(", ", others)));
        }
        columnOfField[f] = at;
      }
    }

    boolean qualifies() {
      return missing.isEmpty() && found > 0;
    }

    Headers headers() {
      if (!missing.isEmpty()) {
        throw missingError(1);
      }
      if (conflict != null) {
        throw new NonRetryableException(TaskError.INVALID_FILE, conflict);
      }
      checkDuplicates();
      return new Headers(List.copyOf(names), columnOfField, row.number());
    }

    private void checkDuplicates() {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        String key = Conversions.normalize(names.get(i));
        if (key.isEmpty()) {
          continue;
        }
        Integer first = seen.putIfAbsent(key, i);
        if (first != null) {
          throw new NonRetryableException(
              TaskError.INVALID_FILE,
              Messages.format(
                  locale,
                  "header.twice",
                  row.number(),
                  names.get(first),
                  letters(first),
                  names.get(i),
                  letters(i)));
        }
      }
    }

    NonRetryableException missingError(int tried) {
      if (missing.isEmpty()) {
        return new NonRetryableException(
            TaskError.INVALID_FILE,
            Messages.format(locale, "header.notFound", tried, String.join(", ", all)));
      }
      String list = String.join(", ", missing);
      boolean many = missing.size() > 1;
      String key =
          tried > 1
              ? (many ? "header.missingSearched" : "header.missingOneSearched")
              : (many ? "header.missing" : "header.missingOne");
      return new NonRetryableException(
          TaskError.INVALID_FILE,
          Messages.format(locale, key, list, row.number(), tried, found));
    }
  }

  /** The prefix of a field's label in a handler's bundle: {@code column.<field name>}. */
  static final String LABEL = "column.";

  /** Returns a field's header in a locale: its label in the bundle, else its name. */
  static String label(Messages labels, String field, Locale locale) {
    String key = LABEL + field;
    return labels.has(key) ? labels.text(locale, key) : field;
  }

  /** Returns the spreadsheet letters of a 0-based column: 0 is {@code A}, 26 is {@code AA}. */
  static String letters(int column) {
    StringBuilder s = new StringBuilder(3);
    for (int c = column + 1; c > 0; c = (c - 1) / 26) {
      s.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return s.toString();
  }

  /** Returns the header of a 0-based column, or its letters when it has none. */
  String nameOf(int column) {
    String name = column < names.size() ? names.get(column).strip() : "";
    return name.isEmpty() ? letters(column) : name;
  }

  /** Returns the 0-based column of spreadsheet letters such as {@code AB}, or -1. */
  static int columnOf(@Nullable String letters) {
    if (letters == null || letters.isEmpty()) {
      return -1;
    }
    int c = 0;
    for (int i = 0; i < letters.length(); i++) {
      char ch = letters.charAt(i);
      if (ch < 'A' || ch > 'Z' || c > 100_000) {
        return -1;
      }
      c = c * 26 + (ch - 'A' + 1);
    }
    return c - 1;
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
