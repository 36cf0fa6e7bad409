package io.taskport.jdbc;

import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Renders the SQL text blocks kept next to the code that binds them: fills in the table names (with
 * the prefix) and the dialect's time expressions, once per template.
 *
 * <p>Placeholders: {@code {task}}, {@code {file}}, {@code {chunk}} for tables; {@code {now}} for
 * the database's current time; {@code {now+?}} for now plus a bound number of milliseconds; {@code
 * {now+retention}} for now plus the row's {@code retention_ms}. No time is ever bound from the JVM:
 * every written instant is one of these expressions.
 *
 * <p>{@code {status=RUNNING}} tests the status where the row is named by its id: written so that
 * no index can serve it, since PostgreSQL's planner, with statistics that count few rows of a
 * status, would otherwise scan a status index (and its dead entries) instead of the primary key.
 */
final class Sql {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");
  private static final Pattern STATUS = Pattern.compile("\\{status=([A-Z]+)}");

  private final Dialect dialect;
  private final String prefix;
  private final ConcurrentHashMap<String, String> rendered = new ConcurrentHashMap<>();

  Sql(Dialect dialect, String prefix) {
    this.dialect = dialect;
    this.prefix = checkPrefix(prefix);
  }

  Dialect dialect() {
    return dialect;
  }

  String prefix() {
    return prefix;
  }

  /** Returns the template rendered for this dialect and prefix; cached. */
  String of(String template) {
    return rendered.computeIfAbsent(template, this::render);
  }

  /** Returns the template rendered with {@code {in}} replaced by {@code n} placeholders. */
  String in(String template, int n) {
    return of(template).replace("{in}", String.join(", ", Collections.nCopies(n, "?")));
  }

  /** The {@code NOTIFY} channel of the task table: its name, a plain lower-case identifier. */
  String channel() {
    return table("taskport_task");
  }

  String table(String name) {
    return prefix + name;
  }

  private String render(String template) {
    String now = dialect.now();
    return STATUS.matcher(template)
        .replaceAll("(CASE WHEN status = '$1' THEN 1 ELSE 0 END) = 1")
        .replace("{task}", table("taskport_task"))
        .replace("{file}", table("taskport_file"))
        .replace("{chunk}", table("taskport_file_chunk"))
        .replace("{gate}", table("taskport_gate"))
        .replace("{now+?}", dialect.plusMillis(now, "?"))
        .replace("{now+retention}", dialect.plusMillis(now, "retention_ms"))
        .replace("{now}", now);
  }

  /**
   * Checks a table prefix: empty, or a lower-case letter then up to 29 lower-case letters, digits
   * and underscores, so that every table and index name stays a plain identifier.
   */
  static String checkPrefix(String prefix) {
    if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "tablePrefix must be empty or match [a-z][a-z0-9_]{0,29}, was '" + prefix + "'");
    }
    return prefix;
  }
}
