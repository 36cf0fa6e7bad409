package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.Fixtures.AccountRow;
import io.taskport.file.LocalFileStore;
import io.taskport.format.FormatOptions;
import io.taskport.format.Limits;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.ImportMode;
import io.taskport.handler.RowErrors;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.ManualClock;
import io.taskport.testkit.TsvFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPipelineTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final List<AccountRow> accepted = new CopyOnWriteArrayList<>();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private TaskManager manager;

  /** The accounts import; a test may make one batch throw on the first attempt. */
  private final class AccountImport implements ImportHandler<Map<String, Object>, AccountRow> {
    ImportMode mode = ImportMode.BEST_EFFORT;
    int failBatchOnFirstAttempt = -1;
    boolean rejectUnknown;
    int headerRow;

    @Override
    public String type() {
      return "accounts";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> paramsType() {
      return (Class) Map.class;
    }

    @Override
    public RowMapping<AccountRow> mapping() {
      return RowMapping.ofRecord(AccountRow.class);
    }

    @Override
    public void check(AccountRow row, RowErrors errors) {
      if (!row.email().contains("@")) {
        errors.add("E-mail", "is not an e-mail address");
      }
    }

    @Override
    public void accept(ImportContext<Map<String, Object>> ctx, List<AccountRow> batch) {
      if (ctx.attempt() == 1 && batchSizes.size() == failBatchOnFirstAttempt) {
        throw new IllegalStateException("database hiccup");
      }
      batchSizes.add(batch.size());
      accepted.addAll(batch);
    }

    @Override
    public ImportMode mode(Map<String, Object> params) {
      return mode;
    }

    @Override
    public boolean rejectUnknownColumns() {
      return rejectUnknown;
    }

    @Override
    public int batchSize() {
      return 3;
    }

    @Override
    public int headerRow() {
      return headerRow;
    }
  }

  private final AccountImport handler = new AccountImport();

  private TaskManager start(Limits limits) {
    manager =
        TaskManager.builder()
            .store(new InMemoryTaskStore(clock))
            .files(new LocalFileStore(dir))
            .clock(clock)
            .format(new TsvFormat())
            .formatOptions(FormatOptions.defaults().limits(limits))
            .importer(handler)
            .pollInterval(Duration.ofMillis(20))
            .retryDelay(Duration.ofMillis(1), Duration.ofMillis(1))
            .build();
    manager.start();
    return manager;
  }

  private TaskManager start() {
    return start(Limits.defaults());
  }

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
  }

  private Task run(String fileName, String content) {
    TaskId id =
        manager
            .submit(
                ImportRequest.of("accounts", "ann", fileName),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
            .id();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              clock.advance(Duration.ofSeconds(1)); // past any retry delay
              return manager.get(id, "ann").isTerminal();
            });
    return manager.get(id, "ann");
  }

  private static String tsv(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private String errorReport(Task t) throws IOException {
    try (InputStream in = manager.openErrorReport(t.id(), "ann")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void import_mapsHeadersByNameOrAliasIgnoringCaseAndSpaces() {
    start();
    Task t =
        run(
            "accounts.tsv",
            tsv(
                " NAME \t邮箱\tbalance\tOPENED\tactive\tnotes",
                "Ann\tann@x.io\t1,234.50\t2024/3/31\tyes\tignored",
                "",
                "Bob\tbob@x.io\t-5\t45382\t0\t")); // 45382 is 2024-03-31 as an Excel serial date
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.result().counts()).isEqualTo(new RowCounts(2, 2, 0, 1));
    assertThat(t.result().errorReport()).isNull();
    assertThat(accepted)
        .containsExactly(
            new AccountRow(
                "Ann", "ann@x.io", new java.math.BigDecimal("1234.50"),
                java.time.LocalDate.of(2024, 3, 31), true),
            new AccountRow(
                "Bob", "bob@x.io", new java.math.BigDecimal("-5"),
                java.time.LocalDate.of(2024, 3, 31), false));
  }

  @Test
  void import_failsBeforeLoadingWhenARequiredColumnIsMissing() {
    start();
    Task t = run("accounts.tsv", tsv("Name\tBalance", "Ann\t1"));
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(t.error().message()).contains("'E-mail'").contains("邮箱");
    assertThat(accepted).isEmpty();
  }

  @Test
  void import_rejectsUnknownColumnsWhenTheHandlerSaysSo() {
    handler.rejectUnknown = true;
    start();
    Task t = run("accounts.tsv", tsv("Name\tE-mail\tShoe size", "Ann\ta@x.io\t42"));
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error().message()).contains("Shoe size");
  }

  @Test
  void import_reportsBadRowsWithRowNumberColumnAndReason() throws IOException {
    start();
    Task t =
        run(
            "accounts.tsv",
            tsv(
                "Name\tE-mail\tBalance\tOpened",
                "Ann\tann@x.io\t10\t2024-01-01",
                "Bob\tnot-an-email\tabc\t2024-01-01",
                "Cid\tcid@x.io\t5\t31/02/2024",
                "Dan\tdan@x.io\t7\t2024-01-02\textra"));
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.result().counts()).isEqualTo(new RowCounts(4, 1, 3, 0));
    assertThat(accepted).extracting(AccountRow::name).containsExactly("Ann");
    List<String> report = errorReport(t).lines().toList();
    assertThat(report.get(0)).isEqualTo("Name\tE-mail\tBalance\tOpened\terrors");
    assertThat(report.get(1))
        .startsWith("Bob\tnot-an-email\tabc\t2024-01-01\t")
        .contains("row 3")
        .contains("Balance: 'abc' is not a number");
    assertThat(report.get(2)).contains("row 4").contains("Opened: '31/02/2024' is not a date");
    assertThat(report.get(3)).contains("row 5").contains("the row has 5 fields but the header has 4");
    assertThat(t.result().errorReport().fileName()).isEqualTo("accounts-errors.tsv");
  }

  @Test
  void import_rejectsARowWhoseRequiredCellIsEmpty() throws IOException {
    start();
    Task t = run("a.tsv", tsv("Name\tE-mail\tBalance", "Ann\ta@x.io\t1", " \tb@x.io\t2", "Cid\t\t3"));
    assertThat(t.result().counts()).isEqualTo(new RowCounts(3, 1, 2, 0));
    assertThat(accepted).extracting(AccountRow::name).containsExactly("Ann");
    List<String> report = errorReport(t).lines().toList();
    assertThat(report.get(1)).contains("row 3").contains("Name: a value is required");
    assertThat(report.get(2)).contains("row 4").contains("E-mail: a value is required");
  }

  public record Contact(
      @io.taskport.handler.Header(value = "Name", required = true) String name,
      @io.taskport.handler.Header(value = "Phone", required = true, allowEmpty = true) String phone,
      @io.taskport.handler.Header(value = "Note", allowEmpty = true) String note) {}

  @Test
  void mapping_allowEmptyKeepsTheColumnRequiredButItsCellsOptional() {
    List<io.taskport.handler.RowMapping.Field> fields =
        io.taskport.handler.RowMapping.ofRecord(Contact.class).fields();
    assertThat(fields).extracting(io.taskport.handler.RowMapping.Field::required)
        .containsExactly(true, true, false);
    assertThat(fields).extracting(io.taskport.handler.RowMapping.Field::valueRequired)
        .containsExactly(true, false, false);
  }

  @Test
  void import_checkErrorsRejectTheRow() throws IOException {
    start();
    Task t = run("a.tsv", tsv("Name\tE-mail", "Ann\tann-at-x.io"));
    assertThat(t.result().counts()).isEqualTo(new RowCounts(1, 0, 1, 0));
    assertThat(errorReport(t)).contains("E-mail: is not an e-mail address");
  }

  @Test
  void allOrNothing_loadsNothingWhenAnyRowIsBad() throws IOException {
    handler.mode = ImportMode.ALL_OR_NOTHING;
    start();
    Task t = run("a.tsv", tsv("Name\tE-mail", "Ann\ta@x.io", "Bob\tbad", "Cid\tc@x.io"));
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.result().counts()).isEqualTo(new RowCounts(3, 0, 1, 2));
    assertThat(accepted).isEmpty();
    assertThat(errorReport(t)).contains("Bob");
  }

  @Test
  void allOrNothing_loadsACleanFile() {
    handler.mode = ImportMode.ALL_OR_NOTHING;
    start();
    Task t = run("a.tsv", tsv("Name\tE-mail", "Ann\ta@x.io", "Cid\tc@x.io"));
    assertThat(t.result().counts()).isEqualTo(new RowCounts(2, 2, 0, 0));
    assertThat(accepted).extracting(AccountRow::name).containsExactly("Ann", "Cid");
  }

  @Test
  void import_loadsInBatchesAndResumesAfterTheLastAcceptedBatch() {
    handler.failBatchOnFirstAttempt = 2;
    start();
    StringBuilder file = new StringBuilder("Name\tE-mail\n");
    for (int i = 1; i <= 10; i++) {
      file.append("n").append(i).append("\tn").append(i).append("@x.io\n");
    }
    Task t = run("a.tsv", file.toString());
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.attempts().current()).isEqualTo(2);
    assertThat(accepted).extracting(AccountRow::name).doesNotHaveDuplicates().hasSize(10);
    assertThat(batchSizes).containsExactly(3, 3, 3, 1);
    assertThat(t.result().counts().imported()).isEqualTo(10);
    assertThat(t.checkpoint()).isEqualTo("10");
  }

  @Test
  void import_stopsOnceTheErrorLimitIsPassed() {
    start(Limits.defaults().maxErrors(2));
    Task t = run("a.tsv", tsv("Name\tE-mail", "A\tx", "B\ty", "C\tz", "D\td@x.io"));
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error().code()).isEqualTo(TaskError.LIMIT_EXCEEDED);
    assertThat(t.error().message()).contains("more than 2 rows were rejected").contains("row 4");
  }

  @Test
  void submit_refusesAnUploadOverTheByteLimitAndKeepsNothing() throws IOException {
    start(Limits.defaults().maxBytes(100));
    byte[] big = "x".repeat(101).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                manager.submit(
                    ImportRequest.of("accounts", "ann", "a.tsv"), new ByteArrayInputStream(big)))
        .isInstanceOfSatisfying(
            LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("maxBytes"));
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
    assertThat(manager.list(TaskQuery.of("ann")).items()).isEmpty();
  }

  @Test
  void submit_refusesUnknownFileTypesAndEmptyFiles() {
    start();
    assertThatThrownBy(
            () ->
                manager.submit(
                    ImportRequest.of("accounts", "ann", "a.exe"),
                    new ByteArrayInputStream(new byte[] {1})))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unsupported file type '.exe'");
    assertThatThrownBy(
            () ->
                manager.submit(
                    ImportRequest.of("accounts", "ann", "a.tsv"),
                    new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void import_refusesAFileWhoseContentIsNotWhatItsNameSays() {
    start();
    Task t = run("a.tsv", "PK\u0003\u0004 a zip archive");
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(t.error().message()).contains("ZIP archive");
  }

  @Test
  void import_keepsOnlyACleanDisplayNameOfTheUpload() {
    start();
    TaskId id =
        manager
            .submit(
                ImportRequest.of("accounts", "ann", "../../etc/evil\u202Egpj.tsv"),
                new ByteArrayInputStream("Name\tE-mail\n".getBytes(StandardCharsets.UTF_8)))
            .id();
    Task t = manager.get(id, "ann");
    assertThat(t.input().fileName()).isEqualTo("evilgpj.tsv");
    assertThat(t.input().key()).startsWith(id.value() + "/").doesNotContain("evil");
  }

  @Test
  void writeTemplate_writesTheHeadersAndAnExampleRow() throws IOException {
    start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    manager.writeTemplate("accounts", "tsv", out);
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("Name\tE-mail\tBalance\tOpened\tActive", "Li Wei\tli.wei@example.com\t1250.00\t2024-03-31\tyes");
    assertThatThrownBy(() -> manager.writeTemplate("nope", "tsv", out))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void import_rejectsAShortRecordAndAStrayFieldButToleratesTrailingEmptyFields()
      throws IOException {
    start();
    Task t =
        run(
            "a.tsv",
            tsv(
                "Name\tE-mail\tBalance",
                "Ann\ta@x.io\t1\t\t",
                "Bob\tb@x.io",
                "stray",
                "Cid\tc@x.io\t3\t\tx"));
    assertThat(t.result().counts()).isEqualTo(new RowCounts(4, 1, 3, 0));
    assertThat(accepted).extracting(AccountRow::name).containsExactly("Ann");
    List<String> report = errorReport(t).lines().toList();
    assertThat(report.get(1))
        .contains("row 3: the row has 2 fields but the header has 3")
        .doesNotContain("a value is required");
    assertThat(report.get(2)).contains("row 4: the row has 1 field but the header has 3");
    assertThat(report.get(3)).contains("row 5: the row has 5 fields but the header has 3");
  }

  @Test
  void import_skipsAndCountsBlankRows() {
    start();
    Task t = run("a.tsv", tsv("Name\tE-mail", "\t", "Ann\ta@x.io", "", " \t "));
    assertThat(t.result().counts()).isEqualTo(new RowCounts(1, 1, 0, 3));
  }

  @Test
  void import_findsTheHeaderRowBelowTitleRows() {
    start();
    Task t =
        run(
            "a.tsv",
            tsv("Accounts of 2024", "", "exported by ann\tName", "Name\tE-mail", "Ann\ta@x.io"));
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.result().counts()).isEqualTo(new RowCounts(1, 1, 0, 3));
    assertThat(accepted).extracting(AccountRow::name).containsExactly("Ann");
  }

  @Test
  void import_readsTheHeaderRowTheHandlerFixes() {
    handler.headerRow = 3;
    start();
    Task t = run("a.tsv", tsv("Name\tE-mail", "x\ty@x.io", "Name\tE-mail", "Ann\ta@x.io"));
    assertThat(t.result().counts()).isEqualTo(new RowCounts(1, 1, 0, 2));
    assertThat(accepted).extracting(AccountRow::name).containsExactly("Ann");
  }

  @Test
  void import_failsWhenNoRowHasTheRequiredColumns() {
    start();
    Task t = run("a.tsv", tsv("Report", "Name\tBalance", "Ann\t1"));
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(t.error().message())
        .contains("lacks the required column 'E-mail'")
        .contains("first 3 non-blank rows")
        .contains("row 2, the closest");
    assertThat(accepted).isEmpty();
  }

  @Test
  void import_failsBeforeLoadingOnHeadersThatAreTheSameAfterNormalising() {
    start();
    Task t = run("a.tsv", tsv("Name\tE-mail\tNote\tnote_", "Ann\ta@x.io\t\t"));
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(t.error().message())
        .contains("'Note' in column C and 'note_' in column D")
        .doesNotContain("Exception");
    assertThat(accepted).isEmpty();
  }
}
