package io.taskport.excel;

/** Turns {@link java.time.format.DateTimeFormatter} patterns into Excel number formats. */
final class ExcelPatterns {
  private ExcelPatterns() {}

  /**
   * Returns the Excel format for a date pattern such as {@code dd.MM.yyyy HH:mm}: month {@code
   * M} becomes {@code m}, hour {@code H} becomes {@code h}, {@code a} becomes {@code AM/PM},
   * fractions {@code S} become {@code 0}, and quoted text is kept.
   */
  static String dateFormat(String pattern) {
    StringBuilder s = new StringBuilder(pattern.length() + 8);
    boolean hour12 = pattern.indexOf('a') >= 0;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        int end = pattern.indexOf('\'', i + 1);
        end = end < 0 ? pattern.length() : end;
        s.append('"').append(pattern, i + 1, end).append('"');
        i = end + 1;
        continue;
      }
      switch (c) {
        case 'y', 'u', 'd', 's', 'm' -> s.append(c == 'u' ? 'y' : c);
        case 'M', 'L' -> s.append('m');
        case 'H', 'h', 'k', 'K' -> s.append('h');
        case 'E' -> s.append('d');
        case 'S' -> s.append('0');
        case 'a' -> s.append("AM/PM");
        default -> {
          if (" -/:.,".indexOf(c) >= 0) {
            s.append(c);
          } else if (!Character.isLetter(c)) {
            s.append('\\').append(c);
          } // zone and other fields have no Excel equivalent
        }
      }
      i++;
    }
    if (hour12 && s.indexOf("AM/PM") < 0) {
      s.append(" AM/PM");
    }
    return s.toString();
  }
}
