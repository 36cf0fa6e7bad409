package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run of {@link ImportFuzz} in every build; {@code ImportFuzzIT} runs thousands. */
class ImportFuzzTest {
  @Test
  void mutatedFiles_endCompletedOrFailedWithAUserMessage(@TempDir Path dir) throws Exception {
    assertThat(ImportFuzz.run(dir, 14, 60)).isEmpty();
  }

  @Test
  void zipEntriesCutShort_failAsInvalidFilesNotAsHandlerErrors(@TempDir Path dir)
      throws Exception {
    long[][] found = {{}, {1000836, 1000897, 1001294, 1000576, 1000758}, {}}; // by ImportFuzzIT
    assertThat(ImportFuzz.run(dir, found)).isEmpty();
  }
}
