package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.file.LocalFileStore;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submitAll: every request checked first, de-duplicated, then created in one store call. */
class SubmitAllTest {
  @TempDir Path dir;
  private InMemoryTaskStore store;
  private TaskManager manager;

  @BeforeEach
  void start() {
    store = new InMemoryTaskStore();
    manager =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .workers(0)
            .format(new TsvFormat())
            .maxActivePerOwner(3)
            .export(ExportHandler.of("plain", Void.class, p -> List.of(), (ctx, out) -> {}))
            .build();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void submitAll_registersEveryRequestAndDeduplicatesWithinTheList() {
    List<Submission> out =
        manager.submitAll(
            List.of(
                ExportRequest.of("plain", "ann").format("tsv"),
                ExportRequest.of("plain", "ann").format("tsv"),
                ExportRequest.of("plain", "bob").format("tsv")));
    assertThat(out).hasSize(3);
    assertThat(out.get(0).created()).isTrue();
    assertThat(out.get(1).created()).isFalse();
    assertThat(out.get(1).id()).isEqualTo(out.get(0).id());
    assertThat(out.get(2).created()).isTrue();
    assertThat(manager.get(out.get(2).id(), "bob").status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void submitAll_refusesABadRequestNamingItsPlaceAndRegistersNothing() {
    assertThatThrownBy(
            () ->
                manager.submitAll(
                    List.of(
                        ExportRequest.of("plain", "ann").format("tsv").allowDuplicates(),
                        ExportRequest.of("plain", "ann").format("pdf"))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations()).singleElement()
                  .satisfies(v -> assertThat(v.field()).isEqualTo("requests[1].format"));
              assertThat(e.getMessage()).contains("requests[1].format").contains("pdf");
            });
    assertThat(manager.list(TaskQuery.of("ann")).items()).isEmpty();
  }

  @Test
  void submitAll_keepsThePerOwnerCap() {
    ExportRequest r = ExportRequest.of("plain", "ann").format("tsv").allowDuplicates();
    assertThatThrownBy(() -> manager.submitAll(List.of(r, r, r, r)))
        .isInstanceOf(TooManyTasksException.class);
    assertThat(manager.list(TaskQuery.of("ann")).items()).hasSizeLessThanOrEqualTo(3);
  }
}
