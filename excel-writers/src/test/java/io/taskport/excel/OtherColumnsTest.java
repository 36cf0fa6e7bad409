package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.ImportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.file.LocalFileStore;
import io.taskport.handler.Header;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.OtherColumns;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import row keeps the columns it does not map, from real CSV, XLSX and XLS files. */
class OtherColumnsTest {
  /** The row type: two mapped columns and the rest. */
  public record Contact(
      @Header(value = "Name", required = true) String name,
      @OtherColumns Map<String, String> extra,
      @Header("Age") Integer age) {}

  /** Not a map: refused when the mapping is built. */
  public record Wrong(String name, @OtherColumns String extra) {}

  static final List<List<?>> ROWS = List.of(
      List.of("Region", "Name", "备注", "Age", "Phone"),
      List.of("EU", "Ann", "老客户", 41, "+49 30 1234"),
      List.of("", "Bob", "", 7, ""));

  static final List<Contact> EXPECTED = List.of(
      new Contact("Ann", ordered("Region", "EU", "备注", "老客户", "Phone", "+49 30 1234"), 41),
      new Contact("Bob", ordered("Region", "", "备注", "", "Phone", ""), 7));

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void csv_keepsUnmappedColumnsInHeaderOrder(@TempDir Path dir) throws Exception {
    String csv = "Region,Name,备注,Age,Phone\r\nEU,Ann,老客户,41,+49 30 1234\r\n,Bob,,7,\r\n";
    assertImports(dir, "contacts.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void xlsx_keepsUnmappedColumnsInHeaderOrder(@TempDir Path dir) throws Exception {
    assertImports(dir, "contacts.xlsx", Workbooks.xlsx(ROWS));
  }

  @Test
  void xls_keepsUnmappedColumnsInHeaderOrder(@TempDir Path dir) throws Exception {
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      Workbooks.fill(wb.createSheet("Data"), ROWS);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      assertImports(dir, "contacts.xls", out.toByteArray());
    }
  }

  @Test
  void mapping_keepsOtherColumnsOnlyWhenMarked() {
    assertThat(RowMapping.ofRecord(Contact.class).keepsOtherColumns()).isTrue();
    assertThat(RowMapping.ofRecord(Contact.class).fields()).extracting(RowMapping.Field::name)
        .containsExactly("Name", "Age"); // not a column of the template
    assertThat(RowMapping.ofRecord(Imports.Person.class).keepsOtherColumns()).isFalse();
    assertThatThrownBy(() -> RowMapping.ofRecord(Wrong.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extra is marked @OtherColumns but is a String; declare it as"
            + " Map<String, String>");
  }

  private static void assertImports(Path dir, String fileName, byte[] bytes) throws Exception {
    List<Contact> accepted = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    try (TaskManager tasks = TaskManager.builder()
        .store(new InMemoryTaskStore())
        .files(new LocalFileStore(dir))
        .workers(1)
        .maxAttempts(1)
        .format(new CsvFormat())
        .format(new XlsxFormat())
        .format(new XlsFormat())
        .importer(new ContactImport(accepted))
        .build()) {
      tasks.subscribeAll(e -> {
        if (e.status().isTerminal()) {
          ended.countDown();
        }
      });
      tasks.start();
      TaskId id = tasks.submit(ImportRequest.of("contacts", "ann", fileName),
          new ByteArrayInputStream(bytes)).id();
      assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
      Task t = tasks.get(id, "ann");
      assertThat(t.status()).as("%s", t.error()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(accepted).containsExactlyElementsOf(EXPECTED);
      for (Contact c : accepted) {
        assertThat(List.copyOf(c.extra().keySet())).containsExactly("Region", "备注", "Phone");
      }
    }
  }

  private record ContactImport(List<Contact> accepted) implements ImportHandler<Void, Contact> {
    @Override
    public String type() {
      return "contacts";
    }

    @Override
    public Class<Void> paramsType() {
      return Void.class;
    }

    @Override
    public RowMapping<Contact> mapping() {
      return RowMapping.ofRecord(Contact.class);
    }

    @Override
    public void accept(ImportContext<Void> ctx, List<Contact> batch) {
      accepted.addAll(batch);
    }
  }
}
