package io.taskport.excel;

import io.taskport.format.ColumnType;
import io.taskport.format.TemplateColumn;
import java.util.List;

/** The words an XLSX template shows its user: sheet names, headings, notes and prompts. */
final class TemplateTexts {
  private TemplateTexts() {}

  static final String DATA_SHEET = "Data";
  static final String COLUMNS_SHEET = "Columns";
  static final String LISTS_SHEET = "Lists";
  static final String AUTHOR = "Taskport";
  static final List<String> HEADINGS = List.of(
      "Column", "Also accepted", "Type", "Required", "Allowed values", "Example", "Rule");
  static final String YES = "yes";
  static final String NO = "no";
  static final String INVALID_TITLE = "Not allowed";

  static String type(TemplateColumn c) {
    if (!c.allowed().isEmpty()) {
      return "one of the allowed values";
    }
    return switch (c.type()) {
      case INTEGER -> "whole number";
      case DECIMAL -> "number";
      case DATE -> "date (yyyy-mm-dd)";
      case DATETIME -> "date and time (yyyy-mm-dd hh:mm)";
      case BOOLEAN -> "yes/no";
      default -> "text";
    };
  }

  static String required(TemplateColumn c) {
    if (!c.required()) {
      return NO;
    }
    return c.allowEmpty() ? "column required, cells may be empty" : YES;
  }

  /** The rule of a column, as its header note and the last cell of its description. */
  static String rule(TemplateColumn c) {
    String presence = !c.required() ? "Optional."
        : c.allowEmpty() ? "Required column: keep it; its cells may be empty."
        : "Required: every row needs a value.";
    String what = !c.allowed().isEmpty()
        ? " Choose one of: " + String.join(", ", c.allowed()) + "."
        : c.type() == ColumnType.TEXT ? "" : " Enter a " + type(c) + ".";
    return presence + what;
  }

  static String invalid(TemplateColumn c) {
    return c.allowed().isEmpty() ? "Enter a " + type(c) + "."
        : "Choose one of: " + String.join(", ", c.allowed()) + ".";
  }
}
