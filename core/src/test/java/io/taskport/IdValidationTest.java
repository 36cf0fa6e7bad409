package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.file.FileRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Task ids and file keys are checked by hand-written loops that must agree with their regexes. */
class IdValidationTest {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*");
  private static final String ALPHABET = "aZ09_-./\\ é\u0000:%";

  @Test
  void taskIdsAgreeWithTheirPattern() {
    for (String s : samples()) {
      boolean expected = ID.matcher(s).matches();
      assertThat(accepts(() -> TaskId.of(s))).as("'%s'", s).isEqualTo(expected);
    }
  }

  @Test
  void fileKeysAgreeWithTheirPattern() {
    for (String s : samples()) {
      boolean expected = s.length() <= 200 && KEY.matcher(s).matches() && !s.contains("..");
      assertThat(accepts(() -> new FileRef(s, "f.csv", 0, "text/csv")))
          .as("'%s'", s)
          .isEqualTo(expected);
    }
  }

  private static List<String> samples() {
    List<String> samples =
        new ArrayList<>(
            List.of(
                "", "a", "a/b", "a/b.c", "a.b", "/a", "a/", "a//b", "a/..", "a/.b", "a/b/../c",
                "x".repeat(64), "x".repeat(65), "x".repeat(200), "x".repeat(201),
                "t/" + TaskId.random().value(), TaskId.random().value()));
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(8);
      for (int j = 0; j < length; j++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      samples.add(b.toString());
    }
    return samples;
  }

  private static boolean accepts(Runnable r) {
    try {
      r.run();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
