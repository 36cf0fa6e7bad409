package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.ExportRequest;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import io.taskport.ValidationException;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submit refuses an export to a format that can only be read, with the real formats. */
class ExportFormatTest {
  @Test
  void submit_refusesAnXlsExportBeforeAnyTaskExists(@TempDir Path dir) {
    try (TaskManager tasks =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .workers(0)
            .format(new CsvFormat())
            .format(new XlsxFormat())
            .format(new XlsFormat())
            .export(ExportHandler.of("names", Void.class,
                p -> List.of(Column.<String>text("Name", s -> s)), (ctx, out) -> out.write("a")))
            .build()) {
      assertThatThrownBy(() -> tasks.submit(ExportRequest.of("names", "ann").format("xls")))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("format 'xls' can be imported but not exported; export as one of")
          .hasMessageContaining("xlsx");
      assertThat(tasks.list(TaskQuery.of("ann")).items()).isEmpty();
      assertThat(tasks.submit(ExportRequest.of("names", "ann").format("xlsx")).created()).isTrue();
    }
  }
}
