package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.NonRetryableException;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An XLSX export that fails mid-way is discarded: the workbook is never written out. */
class ExportDiscardTest {
  @TempDir Path dir;

  record Params(String region) {}

  @Test
  void anExportThatFailsMidWayWritesNoWorkbook() {
    AtomicLong written = new AtomicLong();
    ExportHandler<Params, Integer> failing =
        ExportHandler.of(
            "numbers",
            Params.class,
            p -> List.of(Column.integer("n", (Integer i) -> i)),
            (ctx, out) -> {
              IntStream.range(0, 5000).boxed().forEach(out::write);
              throw new NonRetryableException("SOURCE_GONE", "the source went away");
            });
    try (TaskManager tasks =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new Counting(new LocalFileStore(dir), written))
            .format(new XlsxFormat())
            .export(failing)
            .build()) {
      tasks.start();
      TaskId id =
          tasks.submit(ExportRequest.of("numbers", "ann").format("xlsx").params(Map.of())).id();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> tasks.get(id, "ann").status() == TaskStatus.FAILED);
    }
    assertThat(written.get()).as("bytes written to the draft").isZero();
  }

  /** A file store whose drafts count the bytes written to them. */
  private record Counting(FileStore files, AtomicLong written) implements FileStore {
    @Override
    public FileDraft create(TaskId taskId, String fileName, String contentType)
        throws IOException {
      FileDraft d = files.create(taskId, fileName, contentType);
      OutputStream counting =
          new FilterOutputStream(d.stream()) {
            @Override
            public void write(int b) throws IOException {
              written.incrementAndGet();
              out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              written.addAndGet(len);
              out.write(b, off, len);
            }
          };
      return new FileDraft() {
        @Override
        public OutputStream stream() {
          return counting;
        }

        @Override
        public FileRef commit() throws IOException {
          return d.commit();
        }

        @Override
        public void close() {
          d.close();
        }
      };
    }

    @Override
    public InputStream open(FileRef ref) throws IOException {
      return files.open(ref);
    }

    @Override
    public boolean delete(FileRef ref) throws IOException {
      return files.delete(ref);
    }

    @Override
    public int deleteAll(TaskId taskId) throws IOException {
      return files.deleteAll(taskId);
    }

    @Override
    public int deleteAllExcept(TaskId taskId, Collection<FileRef> keep) throws IOException {
      return files.deleteAllExcept(taskId, keep);
    }

    @Override
    public Set<TaskId> tasksWithDrafts(Duration age, int limit) throws IOException {
      return files.tasksWithDrafts(age, limit);
    }
  }
}
