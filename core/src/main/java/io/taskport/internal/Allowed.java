package io.taskport.internal;

import java.util.List;
import java.util.Locale;

/** The check of a field's declared allowed values on import. */
final class Allowed {
  private Allowed() {}

  /**
   * Checks a non-blank cell against the allowed values, ignoring case and surrounding spaces.
   *
   * @throws Conversions.ConversionException naming the values to use
   */
  static void check(String cell, List<String> allowed) {
    if (allowed.isEmpty() || cell.isBlank()) {
      return;
    }
    String wanted = cell.strip().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.strip().toLowerCase(Locale.ROOT).equals(wanted)) {
        return;
      }
    }
    throw new Conversions.ConversionException("conv.notAllowed", cell, String.join(", ", allowed));
  }
}
