package io.taskport.internal;

import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.TabularFormat;
import io.taskport.format.TemplateColumn;
import io.taskport.handler.RowMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Writes an empty import file through the format's {@link TabularFormat#writeTemplate}: the
 * expected headers and one example row, with each column's type, rule and allowed values.
 */
final class Templates {
  private Templates() {}

  /** Writes the template with each field's header as {@code label} gives it. */
  static void write(RowMapping<?> mapping, TabularFormat format, FormatOptions options,
      @Nullable Locale locale, OutputStream out, UnaryOperator<String> label)
      throws IOException {
    format.writeTemplate(out, columns(mapping, label), options,
        locale == null ? Locale.ENGLISH : locale);
  }

  static List<TemplateColumn> columns(RowMapping<?> mapping, UnaryOperator<String> label) {
    List<TemplateColumn> columns = new ArrayList<>();
    for (RowMapping.Field f : mapping.fields()) {
      Class<?> type = f.type();
      List<String> allowed = f.allowed();
      if (allowed.isEmpty() && type.isEnum()) {
        allowed = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
          allowed.add(((Enum<?>) c).name());
        }
      }
      String example = f.example() != null ? f.example()
          : !allowed.isEmpty() ? allowed.get(0)
          : exampleOf(type, f.name());
      columns.add(new TemplateColumn(label.apply(f.name()), f.aliases(), typeOf(type),
          f.required(), f.allowEmpty(), allowed, example));
    }
    return columns;
  }

  static ColumnType typeOf(Class<?> type) {
    if (type == int.class || type == long.class || type == short.class || type == byte.class
        || type == Integer.class || type == Long.class || type == Short.class
        || type == Byte.class || type == BigInteger.class) {
      return ColumnType.INTEGER;
    }
    if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
      return ColumnType.DECIMAL;
    }
    if (type == boolean.class || type == Boolean.class) {
      return ColumnType.BOOLEAN;
    }
    if (type == LocalDate.class) {
      return ColumnType.DATE;
    }
    if (type == LocalDateTime.class || type == Instant.class || type == OffsetDateTime.class) {
      return ColumnType.DATETIME;
    }
    return ColumnType.TEXT;
  }

  /** A realistic value for the type, guided by the header for text and whole numbers. */
  static String exampleOf(Class<?> type, String header) {
    String h = header.toLowerCase(Locale.ROOT);
    switch (typeOf(type)) {
      case INTEGER -> {
        return h.contains("year") ? "2024" : h.contains("age") ? "34"
            : h.contains("id") || h.contains("no") ? "10482" : "12";
      }
      case DECIMAL -> {
        return h.contains("rate") || h.contains("percent") ? "0.15" : "1250.00";
      }
      case BOOLEAN -> {
        return "yes";
      }
      case DATE -> {
        return "2024-03-31";
      }
      case DATETIME -> {
        return "2024-03-31 08:30";
      }
      default -> {
        if (type == LocalTime.class) {
          return "08:30";
        }
        return textExample(h);
      }
    }
  }

  private static String textExample(String h) {
    if (h.contains("mail")) {
      return "li.wei@example.com";
    }
    if (h.contains("phone") || h.contains("mobile") || h.contains("tel")) {
      return "+86 138 0013 8000";
    }
    if (h.contains("city")) {
      return "Shanghai";
    }
    if (h.contains("country")) {
      return "China";
    }
    if (h.contains("address") || h.contains("street")) {
      return "88 Century Avenue";
    }
    if (h.contains("currency")) {
      return "CNY";
    }
    if (h.contains("note") || h.contains("comment") || h.contains("remark")
        || h.contains("description")) {
      return "Deliver before noon";
    }
    if (h.contains("code") || h.contains("sku") || h.contains("id") || h.contains("number")
        || h.contains("ref")) {
      return "A-1024";
    }
    if (h.contains("company") || h.contains("customer") || h.contains("supplier")) {
      return "Acme Trading Ltd";
    }
    if (h.contains("product") || h.contains("item")) {
      return "Desk lamp";
    }
    return "Li Wei"; // names are the most common free text column
  }
}
