package io.taskport.excel;

import io.taskport.FormatException;
import io.taskport.format.FormatOptions;
import java.util.ArrayList;
import java.util.List;

/** Picks the sheet to read, and words the error when it is empty but others are not. */
final class SheetChoice {
  private SheetChoice() {}

  /** By name, by position (hidden sheets counted), or else the first visible sheet. */
  static WorkbookParts.Sheet choose(List<WorkbookParts.Sheet> sheets, FormatOptions o) {
    if (sheets.isEmpty()) {
      throw new FormatException(Texts.key("sheet.none"), null);
    }
    if (o.sheetName() != null) {
      for (WorkbookParts.Sheet s : sheets) {
        if (s.name().equals(o.sheetName())) {
          return s;
        }
      }
      throw new FormatException(
          Texts.key("sheet.noSuchName", o.sheetName(), names(sheets)), null);
    }
    if (o.sheetIndex() >= 0) {
      if (o.sheetIndex() >= sheets.size()) {
        throw new FormatException(
            Texts.key("sheet.noSuchIndex", o.sheetIndex() + 1, sheets.size(), names(sheets)),
            null);
      }
      return sheets.get(o.sheetIndex());
    }
    for (WorkbookParts.Sheet s : sheets) {
      if (s.visible()) {
        return s;
      }
    }
    return sheets.get(0);
  }

  /** The error for an empty chosen sheet when the named other sheets have data. */
  static FormatException emptyButOthersHaveData(String chosen, List<String> withData) {
    return new FormatException(
        Texts.key(
            withData.size() == 1 ? "sheet.emptyOtherHas" : "sheet.emptyOthersHave",
            chosen,
            quoted(withData)),
        null);
  }

  static String names(List<WorkbookParts.Sheet> sheets) {
    List<String> names = new ArrayList<>();
    for (WorkbookParts.Sheet s : sheets) {
      names.add(s.name());
    }
    return quoted(names);
  }

  private static String quoted(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.length() == 0 ? "" : ", ").append('\'').append(n).append('\'');
    }
    return b.toString();
  }
}
