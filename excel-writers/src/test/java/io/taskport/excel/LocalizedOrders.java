package io.taskport.excel;

import io.taskport.ImportRequest;
import io.taskport.Messages;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.file.LocalFileStore;
import io.taskport.handler.Header;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowErrors;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A real import with its own bundle of labels and checks, run in the submitter's language. */
final class LocalizedOrders implements AutoCloseable {
  static final Messages ORDERS = Messages.of(LocalizedOrders.class, "io/taskport/excel/orders");

  /** The row type: its headers are labelled in the bundle. */
  public record Order(
      @Header(value = "SKU", required = true) String sku,
      @Header(value = "Quantity", required = true) int quantity,
      @Header("Delivery") LocalDate delivery) {}

  final List<Order> accepted = new CopyOnWriteArrayList<>();
  final TaskManager manager;
  private final Map<TaskId, CountDownLatch> ended = new ConcurrentHashMap<>();

  LocalizedOrders(Path dir) {
    manager =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .workers(1)
            .maxAttempts(1)
            .format(new CsvFormat())
            .format(new XlsxFormat())
            .importer(new OrderImport())
            .build();
    manager.subscribeAll(
        e -> {
          if (e.status().isTerminal()) {
            ended(e.taskId()).countDown();
          }
        });
    manager.start();
  }

  /** Imports a file in a language and waits, with a bound, for the task to end. */
  Task run(String fileName, byte[] bytes, Locale locale) throws InterruptedException {
    TaskId id =
        manager
            .submit(
                ImportRequest.of("orders", "ann", fileName).locale(locale),
                new ByteArrayInputStream(bytes))
            .id();
    if (!ended(id).await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the import did not end");
    }
    return manager.get(id, "ann");
  }

  byte[] report(Task t) throws IOException {
    try (InputStream in = manager.openErrorReport(t.id(), "ann")) {
      return in.readAllBytes();
    }
  }

  byte[] template(String format, Locale locale) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    manager.writeTemplate("orders", format, locale, out);
    return out.toByteArray();
  }

  /** Writes an XLSX workbook with POI: a header row and data rows, every cell as text. */
  static byte[] xlsx(List<List<String>> rows) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = wb.createSheet("Orders");
      for (int r = 0; r < rows.size(); r++) {
        var row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          row.createCell(c).setCellValue(rows.get(r).get(c));
        }
      }
      wb.write(out);
      return out.toByteArray();
    }
  }

  private CountDownLatch ended(TaskId id) {
    return ended.computeIfAbsent(id, k -> new CountDownLatch(1));
  }

  @Override
  public void close() {
    manager.close();
  }

  private final class OrderImport implements ImportHandler<Void, Order> {
    @Override
    public String type() {
      return "orders";
    }

    @Override
    public Class<Void> paramsType() {
      return Void.class;
    }

    @Override
    public RowMapping<Order> mapping() {
      return RowMapping.ofRecord(Order.class);
    }

    @Override
    public Messages messages() {
      return ORDERS;
    }

    @Override
    public void check(Order row, RowErrors errors) {
      if (row.quantity() < 1) {
        String column = ORDERS.text(errors.locale(), "column.Quantity");
        errors.add(column, ORDERS.key("orders.quantity.positive", row.quantity()));
      }
    }

    @Override
    public void accept(ImportContext<Void> ctx, List<Order> batch) {
      accepted.addAll(batch);
    }
  }
}
