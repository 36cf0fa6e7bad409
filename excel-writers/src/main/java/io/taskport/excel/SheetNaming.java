package io.taskport.excel;

import io.taskport.format.SheetNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The names of a written workbook's sheets: those the caller gives, checked against Excel's
 * rules and each other, the parts of a sheet that rolled over ({@code Orders (2)}), and
 * {@code null} for a sheet left to the default {@code SheetN}.
 */
final class SheetNaming {
  private final List<@Nullable String> names = new ArrayList<>();
  private @Nullable String base;
  private int part = 1;

  SheetNaming() {
    names.add(null);
  }

  /** Names the sheet being written (and its later rollover parts). */
  void name(String name) {
    check(name, names.size() - 1);
    base = name;
    names.set(names.size() - 1, part == 1 ? name : SheetNames.part(name, part));
  }

  /** Checks the name of a new sheet; {@link #start} adds it once the last sheet is ended. */
  void check(String name) {
    check(name, -1);
  }

  void start(String name) {
    names.add(name);
    base = name;
    part = 1;
  }

  /** Adds the next part of the sheet being written, which is full. */
  void rollover() {
    part++;
    names.add(base == null ? null : SheetNames.part(base, part));
  }

  /** The number of sheets so far, the one being written included. */
  int count() {
    return names.size();
  }

  List<@Nullable String> names() {
    return names;
  }

  private void check(String name, int except) {
    SheetNames.check(name);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (i != except && n != null && n.equalsIgnoreCase(name)) {
        throw new IllegalArgumentException(
            SheetNames.key("sheet.duplicate", name).format(Locale.ENGLISH));
      }
    }
  }
}
