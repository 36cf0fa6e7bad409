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
      throw new FormatException("the workbook has no sheets");
    }
    if (o.sheetName() != null) {
      for (WorkbookParts.Sheet s : sheets) {
        if (s.name().equals(o.sheetName())) {
          return s;
        }
      }
      throw new FormatException(
          "the workbook has no sheet named '" + o.sheetName() + "'; its sheets are "
              + names(sheets));
    }
    if (o.sheetIndex() >= 0) {
      if (o.sheetIndex() >= sheets.size()) {
        throw new FormatException(
            "the workbook has no sheet " + (o.sheetIndex() + 1) + ": it has " + sheets.size()
                + " (" + names(sheets) + ")");
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
        "the sheet '" + chosen + "' is empty, but " + (withData.size() == 1 ? "sheet " : "sheets ")
            + quoted(withData) + (withData.size() == 1 ? " has" : " have")
            + " data; move the data to '" + chosen + "', or choose the sheet to import");
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
