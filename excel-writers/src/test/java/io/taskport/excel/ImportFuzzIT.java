package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportFuzz} over thousands of mutated files in a JVM with a 128 MB heap and a temp
 * directory of its own, which must be empty afterwards. {@code -Dtaskport.fuzz.cases=N} sets the
 * cases per format (1,000 by default).
 */
class ImportFuzzIT {
  @Test
  void thousandsOfMutatedFiles_endWellWithinTheHeapAndLeaveNoTempFiles(@TempDir Path dir)
      throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path store = dir.resolve("store");
    String cases = System.getProperty("taskport.fuzz.cases", "1000");
    Path log = dir.resolve("fuzz.log");
    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Djava.io.tmpdir=" + tmp,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ImportFuzz.class.getName(),
                    store.toString(),
                    "14",
                    cases))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = child.waitFor(9, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as(output).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains(3 * Integer.parseInt(cases) + " cases, 0 bad");
    try (Stream<Path> left = Files.walk(tmp)) { // POI's own poifiles folder may stay, empty
      assertThat(left.filter(Files::isRegularFile).map(Path::toString))
          .as("temp files left in " + tmp + File.separator).isEmpty();
    }
  }
}
