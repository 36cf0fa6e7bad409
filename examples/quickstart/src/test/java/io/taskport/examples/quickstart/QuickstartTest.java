package io.taskport.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.RowCounts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
  @TempDir Path dir;

  @Test
  void run_exportsThenImportsWithThreeRejectedRows() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    RowCounts counts =
        new Quickstart(new PrintStream(text, true, StandardCharsets.UTF_8), dir).run(2_000);
    assertThat(counts).isEqualTo(new RowCounts(2_000, 1_997, 3, 0));
    assertThat(text.toString(StandardCharsets.UTF_8))
        .contains("Export COMPLETED")
        .contains("Import COMPLETED: 2000 rows, 1997 imported, 3 rejected")
        .contains("100%");
  }
}
