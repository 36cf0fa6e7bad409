package io.taskport.excel;

import io.taskport.ImportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.file.LocalFileStore;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.TabularFormat;
import io.taskport.handler.Header;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs real imports of real files through a {@link TaskManager} with the excel formats. */
final class Imports implements AutoCloseable {
  /** The row type of the test imports. */
  public record Person(
      @Header(value = "Name", required = true) String name,
      @Header(value = "E-mail", required = true) String email,
      @Header("Age") Integer age,
      @Header("Born") LocalDate born,
      @Header("Seen") LocalDateTime seen,
      @Header("Note") String note) {}

  /** The outcome of one import. */
  record Outcome(Task task, List<Person> accepted, List<Row> report, byte[] reportBytes) {
    String error() {
      return task.error() == null ? "" : task.error().message();
    }
  }

  final List<Person> accepted = new CopyOnWriteArrayList<>();
  int headerRow;
  private final TaskManager manager;
  private final Map<TaskId, CountDownLatch> ended = new ConcurrentHashMap<>();

  Imports(Path dir) {
    this(dir, FormatOptions.defaults());
  }

  Imports(Path dir, FormatOptions options) {
    manager =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .workers(1)
            .maxAttempts(1)
            .format(new CsvFormat())
            .format(new XlsxFormat())
            .format(new XlsFormat())
            .formatOptions(options)
            .importer(new PersonImport())
            .build();
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

  /** Imports the bytes as a file of this name and waits for the task to end. */
  Outcome run(String fileName, byte[] bytes) throws IOException, InterruptedException {
    accepted.clear();
    TaskId id =
        manager
            .submit(ImportRequest.of("people", "ann", fileName), new ByteArrayInputStream(bytes))
            .id();
    if (!ended(id).await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the import did not end");
    }
    Task t = manager.get(id, "ann");
    List<Row> report = List.of();
    byte[] reportBytes = new byte[0];
    if (t.result() != null && t.result().errorReport() != null) {
      String name = t.result().errorReport().fileName();
      TabularFormat f = name.endsWith(".csv") ? new CsvFormat() : new XlsxFormat();
      try (InputStream in = manager.openErrorReport(id, "ann")) {
        reportBytes = in.readAllBytes();
        report = Io.read(f, reportBytes);
      }
    }
    return new Outcome(t, List.copyOf(accepted), report, reportBytes);
  }

  @Override
  public void close() {
    manager.close();
  }

  private final class PersonImport implements ImportHandler<Map<String, Object>, Person> {
    @Override
    public String type() {
      return "people";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> paramsType() {
      return (Class) Map.class;
    }

    @Override
    public RowMapping<Person> mapping() {
      return RowMapping.ofRecord(Person.class);
    }

    @Override
    public void accept(ImportContext<Map<String, Object>> ctx, List<Person> batch) {
      accepted.addAll(batch);
    }

    @Override
    public int batchSize() {
      return 2;
    }

    @Override
    public int headerRow() {
      return headerRow;
    }
  }
}
