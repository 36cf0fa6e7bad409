package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.TsvFormat;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What submit refuses at the door, before any task exists. */
class SubmitValidationTest {
  @TempDir Path dir;
  private TaskManager manager;

  public record Window(int days, double ratio) {}

  /** A format that reads only, as XLS does. */
  private static final class ReadOnly implements TabularFormat {
    @Override
    public String name() {
      return "old";
    }

    @Override
    public String extension() {
      return "old";
    }

    @Override
    public String contentType() {
      return "application/octet-stream";
    }

    @Override
    public boolean matches(byte[] head) {
      return true;
    }

    @Override
    public RowWriter openWriter(
        OutputStream out, List<? extends Column<?>> columns, FormatOptions options) {
      throw new UnsupportedOperationException("read only");
    }

    @Override
    public RowReader openReader(InputStream in, FormatOptions options) {
      throw new UnsupportedOperationException("not used");
    }
  }

  private TaskManager start() {
    manager =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .workers(0)
            .format(new TsvFormat())
            .format(new ReadOnly())
            .export(ExportHandler.of("plain", Void.class, p -> List.of(), (ctx, out) -> {}))
            .export(ExportHandler.of("window", Window.class, p -> List.of(), (ctx, out) -> {}))
            .build();
    return manager;
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private void assertRefused(ExportRequest request, String field, String message) {
    assertThatThrownBy(() -> manager.submit(request))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations()).anySatisfy(v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(message);
            }));
    assertThat(manager.list(TaskQuery.of("ann")).items()).isEmpty();
  }

  @Test
  void submit_refusesAnExportFormatThatCannotBeWritten() {
    start();
    assertRefused(ExportRequest.of("plain", "ann").format("old"), "format",
        "format 'old' can be imported but not exported; export as one of [tsv]");
  }

  @Test
  void submit_refusesParamsForAHandlerThatTakesNone() {
    start();
    assertRefused(ExportRequest.of("plain", "ann").format("tsv").params(Map.of("x", 1)), "params",
        "takes no params");
    assertRefused(ExportRequest.of("plain", "ann").format("tsv").params("{\"x\":1}"), "params",
        "takes no params");
    assertThat(manager.submit(ExportRequest.of("plain", "ann").format("tsv")).created()).isTrue();
    assertThat(manager.submit(ExportRequest.of("plain", "bob").format("tsv").params("{}"))
        .created()).isTrue();
  }

  @Test
  void submit_refusesParamsThatCannotBeUsed() {
    start();
    for (String bad : new String[] {"{\"days\":1.5}", "{\"days\":\"7\"}", "{\"days\":1e10}",
        "{\"ratio\":1e999}", "{\"ratio\":\"NaN\"}"}) {
      assertThatThrownBy(() -> manager.submit(
              ExportRequest.of("window", "ann").format("tsv").params(bad)))
          .as(bad).isInstanceOf(ValidationException.class);
    }
    assertThat(manager.list(TaskQuery.of("ann")).items()).isEmpty();
    assertThat(manager.submit(
            ExportRequest.of("window", "ann").format("tsv").params("{\"days\":7,\"ratio\":0.5}"))
        .created()).isTrue();
  }
}
