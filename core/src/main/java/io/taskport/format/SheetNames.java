package io.taskport.format;

import static java.util.Objects.requireNonNull;

import io.taskport.MessageKey;
import io.taskport.Messages;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules for the names of the sheets in a workbook, as Excel applies them: 1 to 31
 * characters, none of {@code : \ / ? * [ ]}, no {@code '} at either end, not {@code History},
 * and unique ignoring case.
 */
public final class SheetNames {
  /** The most characters in a sheet name. */
  public static final int MAX_LENGTH = 31;

  private static final String FORBIDDEN = ":\\/?*[]";
  private static final Messages BUNDLE = Messages.of(SheetNames.class, "io/taskport/format/sheets");

  private SheetNames() {}

  /**
   * Checks one name.
   *
   * @throws IllegalArgumentException saying what is wrong with the name and how to fix it
   */
  public static void check(String name) {
    MessageKey problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem.format(Locale.ENGLISH));
    }
  }

  /**
   * Checks every name and that no two are the same ignoring case.
   *
   * @throws IllegalArgumentException naming the first name that breaks a rule
   */
  public static void checkAll(List<String> names) {
    MessageKey problem = problem(names);
    if (problem != null) {
      throw new IllegalArgumentException(problem.format(Locale.ENGLISH));
    }
  }

  /**
   * Returns what is wrong with the first name that breaks a rule, to be written in the user's
   * language, or {@code null} when every name is fine and no two are the same ignoring case.
   */
  public static @Nullable MessageKey problem(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      MessageKey problem = problem(name);
      if (problem != null) {
        return problem;
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        return key("sheet.duplicate", name);
      }
    }
    return null;
  }

  /** Returns what is wrong with one name, or {@code null} when it is fine. */
  public static @Nullable MessageKey problem(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      return key("sheet.empty");
    }
    if (name.length() > MAX_LENGTH) {
      return key("sheet.tooLong", name, name.length(), MAX_LENGTH);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
        return key("sheet.forbidden", name, c);
      }
    }
    if (name.startsWith("'") || name.endsWith("'")) {
      return key("sheet.apostrophe", name);
    }
    return name.equalsIgnoreCase("History") ? key("sheet.reserved") : null;
  }

  /** Returns one of the sheet texts ({@code io/taskport/format/sheets*.properties}). */
  public static MessageKey key(String key, Object... args) {
    return BUNDLE.key(key, args);
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
