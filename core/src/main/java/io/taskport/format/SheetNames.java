package io.taskport.format;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules for the names of the sheets in a workbook, as Excel applies them: 1 to 31
 * characters, none of {@code : \ / ? * [ ]}, no {@code '} at either end, not {@code History},
 * and unique ignoring case.
 */
public final class SheetNames {
  /** The most characters in a sheet name. */
  public static final int MAX_LENGTH = 31;

  private static final String FORBIDDEN = ":\\/?*[]";

  private SheetNames() {}

  /**
   * Checks one name.
   *
   * @throws IllegalArgumentException saying what is wrong with the name and how to fix it
   */
  public static void check(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a sheet name must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("sheet name '" + name + "' has " + name.length()
          + " characters; Excel allows at most " + MAX_LENGTH);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
        throw new IllegalArgumentException("sheet name '" + name + "' contains '" + c
            + "'; a sheet name cannot contain : \\ / ? * [ ] or control characters");
      }
    }
    if (name.startsWith("'") || name.endsWith("'")) {
      throw new IllegalArgumentException(
          "sheet name '" + name + "' must not start or end with an apostrophe");
    }
    if (name.equalsIgnoreCase("History")) {
      throw new IllegalArgumentException("'History' is reserved by Excel; choose another name");
    }
  }

  /**
   * Checks every name and that no two are the same ignoring case.
   *
   * @throws IllegalArgumentException naming the first name that breaks a rule
   */
  public static void checkAll(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      check(name);
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "sheet name '" + name + "' is used twice; every sheet needs its own name");
      }
    }
  }

  /**
   * Returns the name of part {@code n} (2 or more) of a sheet too long for one: {@code Orders
   * (2)}, the base shortened so that the name stays within {@value #MAX_LENGTH} characters.
   */
  public static String part(String base, int n) {
    String suffix = " (" + n + ")";
    int keep = Math.min(base.length(), MAX_LENGTH - suffix.length());
    return base.substring(0, keep) + suffix;
  }
}
