package io.taskport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY scenario 9, the schema-level half: every instant the store writes comes from the
 * database's clock inside the statement, never from a JVM value bound as a parameter.
 */
class StoreTimeTest {
  private static final Path SOURCES = Path.of("src/main/java/io/taskport/jdbc");
  private static final String TIMES =
      "(lease_until|created_at|started_at|finished_at|due_at|expires_at)";

  @Test
  void noTimeColumnIsEverAssignedFromABindParameter() throws IOException {
    Pattern fromParameter = Pattern.compile("\\b" + TIMES + "\\s*=\\s*\\?");
    Pattern fromStoreClock = Pattern.compile("\\b" + TIMES + "\\s*=\\s*(\\{now[^}]*}|NULL)");
    int assignments = 0;
    for (Map.Entry<Path, String> source : sources().entrySet()) {
      // the one comparison with a bound instant: the list cursor, which came from the database
      String text = source.getValue().replace("(created_at = ? AND id < ?)", "");
      assertThat(fromParameter.matcher(text).find())
          .as("%s binds a time column from a parameter", source.getKey())
          .isFalse();
      Matcher m = fromStoreClock.matcher(source.getValue());
      while (m.find()) {
        assignments++;
      }
    }
    // claim, heartbeat (x2), complete, fail, retry, cancelled, release, cancel, recover (x3)...
    assertThat(assignments).isGreaterThan(20);
  }

  @Test
  void insertsTakeTheirTimesFromTheStoreClock() throws IOException {
    for (Map.Entry<Path, String> source : sources().entrySet()) {
      Matcher insert =
          Pattern.compile("INSERT INTO \\{(task|file)}[^;]*?\"\"\"", Pattern.DOTALL)
              .matcher(source.getValue());
      while (insert.find()) {
        String sql = insert.group();
        if (sql.contains("created_at")) {
          assertThat(sql).as(source.getKey().toString()).contains("{now}");
        }
      }
    }
  }

  @Test
  void instantsAreBoundOnlyToCompareInListings() throws IOException {
    for (Map.Entry<Path, String> source : sources().entrySet()) {
      String name = source.getKey().getFileName().toString();
      String text = source.getValue();
      assertThat(text)
          .as(name)
          .doesNotContain("setTimestamp(")
          .doesNotContain("Instant.now(")
          .doesNotContain("currentTimeMillis(")
          .doesNotContain("Clock.");
      if (text.contains(".bindInstant(")) {
        // the owner's listing (cursor) and the operator's (cursor, creation range): reads only
        assertThat(name).isIn("Reads.java", "Admin.java");
        assertThat(text).contains("created_at < ? OR (created_at = ? AND id < ?)");
      }
    }
  }

  @Test
  void everyDialectReadsTheDatabaseClock() {
    for (JdbcDialect d :
        new JdbcDialect[] {
          JdbcDialect.postgresql(), JdbcDialect.mysql(), JdbcDialect.mariadb(), JdbcDialect.h2()
        }) {
      Sql sql = new Sql((Dialect) d, "");
      String lease = sql.of("UPDATE {task} SET lease_until = {now+?}");
      // PostgreSQL's CURRENT_TIMESTAMP is the transaction's start, so it reads the statement's
      assertThat(lease)
          .containsPattern("(CURRENT|UTC)_TIMESTAMP\\(3\\)|statement_timestamp\\(\\)")
          .doesNotContain("{");
      assertThat(sql.of("{now+retention}")).contains("retention_ms");
    }
  }

  private static Map<Path, String> sources() throws IOException {
    Map<Path, String> texts = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        texts.put(p, Files.readString(p));
      }
    }
    assertThat(texts).hasSizeGreaterThan(10);
    return texts;
  }
}
