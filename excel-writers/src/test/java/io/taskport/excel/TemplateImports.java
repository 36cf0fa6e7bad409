package io.taskport.excel;

import io.taskport.ImportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.file.LocalFileStore;
import io.taskport.handler.Header;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

/** A manager with one import of orders, whose fields cover every kind of template column. */
final class TemplateImports implements AutoCloseable {
  /** How an order is paid. */
  public enum Payment { CARD, TRANSFER, CASH }

  /** The row type. */
  public record Order(
      @Header(value = "Order no", required = true, example = "SO-2024-0042") String number,
      @Header(value = "Customer", aliases = "Client", required = true) String customer,
      @Header("Ordered on") LocalDate ordered,
      @Header("Shipped at") LocalDateTime shipped,
      @Header(value = "Amount", required = true) BigDecimal amount,
      @Header("Quantity") Integer quantity,
      @Header("Paid") Boolean paid,
      @Header("Payment") Payment payment,
      @Header(value = "Channel", allowed = {"web", "shop", "phone"}) String channel,
      @Header(value = "Note", required = true, allowEmpty = true) String note) {}

  final List<Order> accepted = new CopyOnWriteArrayList<>();
  final TaskManager manager;
  private final Map<TaskId, CountDownLatch> ended = new ConcurrentHashMap<>();

  TemplateImports(Path dir) {
    manager = TaskManager.builder()
        .store(new InMemoryTaskStore())
        .files(new LocalFileStore(dir))
        .workers(1)
        .maxAttempts(1)
        .format(new CsvFormat())
        .format(new XlsxFormat())
        .importer(new OrderImport())
        .build();
    manager.subscribeAll(e -> {
      if (e.status().isTerminal()) {
        ended(e.taskId()).countDown();
      }
    });
    manager.start();
  }

  private CountDownLatch ended(TaskId id) {
    return ended.computeIfAbsent(id, k -> new CountDownLatch(1));
  }

  byte[] template(String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    manager.writeTemplate("orders", format, out);
    return out.toByteArray();
  }

  byte[] template(String format, java.util.Locale locale) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    manager.writeTemplate("orders", format, locale, out);
    return out.toByteArray();
  }

  /** Imports the bytes and waits, bounded, for the task to end. */
  Task run(String fileName, byte[] bytes) throws Exception {
    accepted.clear();
    TaskId id = manager.submit(ImportRequest.of("orders", "ann", fileName),
        new ByteArrayInputStream(bytes)).id();
    if (!ended(id).await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the import did not end");
    }
    Task t = manager.get(id, "ann");
    return t;
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
    public void accept(ImportContext<Void> ctx, List<Order> batch) {
      accepted.addAll(batch);
    }
  }
}
