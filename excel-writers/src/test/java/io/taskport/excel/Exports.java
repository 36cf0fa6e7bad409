package io.taskport.excel;

import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.file.LocalFileStore;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs real exports through a {@link TaskManager} with the excel formats. */
final class Exports implements AutoCloseable {
  final TaskManager manager;
  private final Map<TaskId, CountDownLatch> ended = new ConcurrentHashMap<>();

  Exports(Path dir, ExportHandler<?, ?>... handlers) {
    var builder =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .workers(1)
            .maxAttempts(1)
            .format(new CsvFormat())
            .format(new XlsxFormat())
            .format(new XlsFormat());
    for (ExportHandler<?, ?> h : handlers) {
      builder.export(h);
    }
    manager = builder.build();
    manager.subscribeAll(
        e -> {
          if (e.status().isTerminal()) {
            ended(e.taskId()).countDown();
          }
        });
    manager.start();
  }

  private CountDownLatch ended(TaskId id) {
    return ended.computeIfAbsent(id, k -> new CountDownLatch(1));
  }

  /** Submits the export, waits for it to end and returns the file's bytes. */
  byte[] run(ExportRequest request) throws IOException, InterruptedException {
    TaskId id = manager.submit(request).id();
    if (!ended(id).await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the export did not end");
    }
    Task t = manager.get(id, request.owner());
    if (t.error() != null) {
      throw new AssertionError("the export failed: " + t.error());
    }
    try (InputStream in = manager.openResult(id, request.owner())) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
