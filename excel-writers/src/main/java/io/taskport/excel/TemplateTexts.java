package io.taskport.excel;

import io.taskport.Messages;
import io.taskport.format.ColumnType;
import io.taskport.format.TemplateColumn;
import java.util.List;
import java.util.Locale;

/**
 * The words an XLSX template shows its user, in the user's language: sheet names, headings,
 * notes and prompts, from {@code io/taskport/excel/template*.properties}.
 */
final class TemplateTexts {
  private static final Messages BUNDLE =
      Messages.of(TemplateTexts.class, "io/taskport/excel/template");
  private static final List<String> HEADINGS =
      List.of("column", "aliases", "type", "required", "allowed", "example", "rule");

  private final Locale locale;

  TemplateTexts(Locale locale) {
    this.locale = locale;
  }

  String text(String key, Object... args) {
    return BUNDLE.text(locale, "template." + key, args);
  }

  String dataSheet() {
    return text("sheet.data");
  }

  String columnsSheet() {
    return text("sheet.columns");
  }

  String listsSheet() {
    return text("sheet.lists");
  }

  List<String> headings() {
    return HEADINGS.stream().map(h -> text("heading." + h)).toList();
  }

  String yes() {
    return text("yes");
  }

  String no() {
    return text("no");
  }

  String invalidTitle() {
    return text("invalid");
  }

  String type(TemplateColumn c) {
    if (!c.allowed().isEmpty()) {
      return text("type.allowed");
    }
    return text("type." + switch (c.type()) {
      case INTEGER -> "integer";
      case DECIMAL -> "decimal";
      case DATE -> "date";
      case DATETIME -> "datetime";
      case BOOLEAN -> "boolean";
      default -> "text";
    });
  }

  String required(TemplateColumn c) {
    return !c.required() ? no() : c.allowEmpty() ? text("required.column") : yes();
  }

  /** The rule of a column, as its header note and the last cell of its description. */
  String rule(TemplateColumn c) {
    String presence = text(!c.required() ? "rule.optional"
        : c.allowEmpty() ? "rule.column" : "rule.required");
    String what = !c.allowed().isEmpty() ? text("rule.choose", String.join(", ", c.allowed()))
        : c.type() == ColumnType.TEXT ? "" : text("rule.enter", type(c));
    return what.isEmpty() ? presence : text("rule.both", presence, what);
  }

  String invalid(TemplateColumn c) {
    return c.allowed().isEmpty() ? text("rule.enter", type(c))
        : text("rule.choose", String.join(", ", c.allowed()));
  }
}
