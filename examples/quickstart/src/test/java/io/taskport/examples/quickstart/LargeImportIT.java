package io.taskport.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 1,000,000 rows exported and imported back in a JVM limited to 128 MB of heap. */
class LargeImportIT {
  @ParameterizedTest
  @ValueSource(strings = {"csv", "xlsx"})
  void aMillionRows_exportAndImportWithin128MbOfHeap(String format) throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            Quickstart.class.getName(),
            "1000000",
            format);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("Export COMPLETED")
        .contains("Import COMPLETED: 1000000 rows, 999997 imported, 3 rejected, 0 skipped");
  }
}
