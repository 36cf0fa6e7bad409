package io.taskport.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.ImportRequest;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.file.LocalFileStore;
import io.taskport.store.InMemoryTaskStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads are judged by their first bytes, not by their name (RELIABILITY scenario 19). */
class UploadSignatureTest {
  private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0};
  private static final byte[] CSV = "ID,Name,E-mail\n1,a,a@b.io\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @TempDir Path dir;
  private TaskManager tasks;

  @BeforeEach
  void start() {
    tasks =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .importer(new AccountImport())
            .build();
    tasks.start();
  }

  @AfterEach
  void close() {
    tasks.close();
  }

  private Task importFile(String name, byte[] content) throws InterruptedException {
    TaskId id =
        tasks.submit(ImportRequest.of("accounts", "ann", name), new ByteArrayInputStream(content)).id();
    CountDownLatch done = new CountDownLatch(1);
    try (var s =
        tasks.subscribe(id, "ann", e -> {
          if (e.status().isTerminal()) {
            done.countDown();
          }
        })) {
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
    return tasks.get(id, "ann");
  }

  private void assertRejected(String name, byte[] content, String looksLike) throws Exception {
    Task t = importFile(name, content);
    assertThat(t.status()).as(name).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(t.error().message()).contains(looksLike);
  }

  @Test
  void aCsvThatIsAZip_isRejected() throws Exception {
    assertRejected("data.csv", ZIP, "ZIP archive");
  }

  @Test
  void anXlsxThatIsOle2_isRejected() throws Exception {
    assertRejected("data.xlsx", OLE2, "OLE2");
  }

  @Test
  void aProgramNamedXlsx_isRejected() throws Exception {
    assertRejected("data.xlsx", ELF, "program");
  }

  @Test
  void anXlsxThatIsReallyCsv_isRejectedSayingSo() throws Exception {
    assertRejected("data.xlsx", CSV, "text (such as CSV)");
  }

  @Test
  void anEmptyFile_isRefusedAtSubmit() {
    assertThatThrownBy(
            () ->
                tasks.submit(
                    ImportRequest.of("accounts", "ann", "data.csv"),
                    new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("empty");
  }
}
