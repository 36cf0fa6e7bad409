package io.taskport.excel;

import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportContext;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.RowSink;
import io.taskport.store.InMemoryTaskStore;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** A manager with an export that writes two sheets, "Orders" and "Summary". */
final class SheetExports implements AutoCloseable {
  /** An order line of the first sheet. */
  record Order(String number, String customer, LocalDate day, BigDecimal amount) {}

  /** A total of the second sheet. */
  record Total(String customer, long orders, BigDecimal amount) {}

  static final List<Order> ORDERS = List.of(
      new Order("SO-1", "Acme", LocalDate.of(2024, 3, 1), new BigDecimal("1250.00")),
      new Order("SO-2", "Globex", LocalDate.of(2024, 3, 2), new BigDecimal("99.50")),
      new Order("SO-3", "Acme", LocalDate.of(2024, 3, 3), new BigDecimal("10.25")),
      new Order("SO-4", "上海贸易", LocalDate.of(2024, 3, 4), new BigDecimal("7.00")),
      new Order("SO-5", "Globex", LocalDate.of(2024, 3, 5), new BigDecimal("1.00")));

  static final List<Total> TOTALS = List.of(
      new Total("Acme", 2, new BigDecimal("1260.25")),
      new Total("Globex", 2, new BigDecimal("100.50")),
      new Total("上海贸易", 1, new BigDecimal("7.00")));

  final TaskManager manager;

  SheetExports(Path dir, XlsxFormat xlsx, List<String> sheets) {
    this(dir, xlsx, sheets, sheets.get(1));
  }

  /** A manager whose export starts its second sheet as {@code second}, declared or not. */
  SheetExports(Path dir, XlsxFormat xlsx, List<String> sheets, String second) {
    manager = TaskManager.builder()
        .store(new InMemoryTaskStore())
        .files(new LocalFileStore(dir))
        .workers(1)
        .maxAttempts(1)
        .format(new CsvFormat())
        .format(xlsx)
        .export(new OrderExport(sheets, second))
        .build();
    manager.start();
  }

  /** Runs the export and waits, bounded, for it to end. */
  Task run(String format) {
    TaskId id = manager.submit(ExportRequest.of("orders", "ann").format(format)).id();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> manager.get(id, "ann").status().isTerminal());
    return manager.get(id, "ann");
  }

  byte[] file(Task t) throws Exception {
    try (InputStream in = manager.openResult(t.id(), "ann")) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  private record OrderExport(List<String> names, String second) implements ExportHandler<Void, Order> {
    @Override
    public String type() {
      return "orders";
    }

    @Override
    public Class<Void> paramsType() {
      return Void.class;
    }

    @Override
    public List<String> sheets(Void params) {
      return names;
    }

    @Override
    public List<Column<Order>> columns(Void params) {
      return List.of(Column.text("Order no", Order::number),
          Column.text("Customer", Order::customer), Column.date("Day", Order::day),
          Column.decimal("Amount", Order::amount).pattern("#,##0.00"));
    }

    @Override
    public void export(ExportContext<Void> ctx, RowSink<Order> out) {
      out.writeAll(ORDERS);
      RowSink<Total> summary = out.sheet(second, List.of(
          Column.text("Customer", Total::customer), Column.integer("Orders", Total::orders),
          Column.decimal("Amount", Total::amount)));
      summary.writeAll(TOTALS);
    }
  }
}
