package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.internal.ParamsBinder;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.CheckFlowContract;
import io.taskport.testkit.TsvFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors a user sees come out in Chinese under a Chinese locale, whichever part words them. */
class LocalizedErrorsTest {
  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

  /** An English word of four letters or more: none belongs in a Chinese text of these cases. */
  private static final Pattern ENGLISH = Pattern.compile("\\b[a-z]{4,}\\b");

  @TempDir Path dir;
  private final InMemoryTaskStore store = new InMemoryTaskStore();
  private final List<TaskManager> managers = new ArrayList<>();

  private TaskManager node(boolean withAccounts) {
    TaskManagerBuilder b =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .format(new TsvFormat())
            .importer(
                withAccounts
                    ? new CheckFlowContract.CountingImport()
                    : new CheckFlowContract.HeldImport())
            .pollInterval(Duration.ofMillis(20));
    TaskManager m = b.build();
    managers.add(m);
    m.start();
    return m;
  }

  @AfterEach
  void close() {
    managers.forEach(TaskManager::close);
  }

  private static Task finished(TaskManager m, TaskId id) {
    await().atMost(Duration.ofSeconds(20)).until(() -> m.get(id, "ann").isTerminal());
    return m.get(id, "ann");
  }

  private static Submission submit(TaskManager m, ImportRequest r, String content) {
    return m.submit(r, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** Checks the text has the phrase and no English word outside task ids and field names (params.x). */
  private static void assertChinese(String text, String expected) {
    assertThat(text).contains(expected);
    String words =
        text.replaceAll("params[.\\w]*", "")
            .replaceAll("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}", ""); // task ids
    assertThat(ENGLISH.matcher(words).find()).as("English words in: " + text).isFalse();
  }

  @Test
  void aFileOfAnotherTypeIsDescribedInTheTasksLanguage() {
    TaskManager m = node(true);
    ImportRequest r = ImportRequest.of("accounts", "ann", "a.tsv").locale(ZH);
    Task t = finished(m, submit(m, r, "PK\u0003\u0004 a zip archive").id());
    assertThat(t.error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertChinese(t.error().message(), "ZIP 压缩包");
    Task en = finished(m, submit(m, r.locale(null), "PK\u0003\u0004 a zip archive").id());
    assertThat(en.error().message()).contains("a ZIP archive (such as XLSX)");
  }

  @Test
  void badParamsNameTheParamAndWhatItMustBeInTheUsersWords() {
    record Filter(String region, int limit, java.time.LocalDate from) {}
    ParamsBinder binder = new ParamsBinder();
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () -> binder.bind("{\"limit\":\"ten\",\"from\":\"March\"}", Filter.class));
    assertThat(e.violations())
        .extracting(ValidationException.Violation::field)
        .containsExactlyInAnyOrder("params.limit", "params.from");
    assertThat(e.getMessage(Locale.ENGLISH))
        .contains("params.limit: must be a whole number")
        .contains("params.from: must be a date such as \"2024-03-31\"")
        .doesNotContain("Cannot")
        .doesNotContain("java.");
    String zh = e.getMessage(ZH);
    assertThat(zh).contains("params.limit").contains("必须是日期");
    assertChinese(zh, "必须是整数");
    ValidationException notJson =
        catchThrowableOfType(
            ValidationException.class, () -> binder.bind("{\"limit\":", Filter.class));
    assertChinese(notJson.getMessage(ZH), "不是有效的 JSON");
  }

  @Test
  void aConfirmOnANodeWithoutTheHandlerIsRefusedInTheUsersLanguage() {
    TaskManager a = node(true);
    TaskManager b = node(false);
    Task check =
        finished(
            a,
            submit(a, ImportRequest.of("accounts", "ann", "a.tsv").check(true), "Name\nann\n")
                .id());
    ValidationException e =
        catchThrowableOfType(ValidationException.class, () -> b.confirm(check.id(), "ann"));
    assertThat(e.getMessage()).contains("no import handler of type 'accounts'");
    assertThat(e.getMessage(ZH)).contains("没有类型为“accounts”的导入处理器");
    assertThat(a.get(check.id(), "ann").confirmedBy()).isNull();
  }

  @Test
  void checkRefusalsAreInTheUsersLanguage() {
    TaskManager a = node(true);
    Task plain =
        finished(a, submit(a, ImportRequest.of("accounts", "ann", "a.tsv"), "Name\nann\n").id());
    TaskStateException e =
        catchThrowableOfType(TaskStateException.class, () -> a.confirm(plain.id(), "ann"));
    assertChinese(e.getMessage(ZH), "不是检查任务");
    Task check =
        finished(
            a,
            submit(a, ImportRequest.of("accounts", "ann", "a.tsv").check(true), "Name\nann\n")
                .id());
    ValidationException other =
        catchThrowableOfType(
            ValidationException.class,
            () -> a.submit(ImportRequest.of("held", "ann", "a.tsv"), check.id()));
    assertThat(other.getMessage(ZH)).contains("不是“held”");
    TaskStateException noFile =
        catchThrowableOfType(TaskStateException.class, () -> a.openResult(plain.id(), "ann"));
    assertChinese(noFile.getMessage(ZH), "没有结果文件");
    assertThat(noFile.getMessage()).endsWith("has no result file; it is an import");
  }

  @Test
  void capsAndMissingTasksAreWordedInTheUsersLanguage() {
    assertChinese(new TooManyTasksException("ann", null, 3).getMessage(ZH), "你已有 3 个任务");
    assertThat(new TooManyTasksException("ann", "orders", 1).getMessage())
        .isEqualTo(
            "you already have 1 task of type 'orders' waiting or running, the most allowed;"
                + " wait for it to finish or cancel it, then submit again");
    TaskId id = TaskId.random();
    assertThat(new TaskNotFoundException(id).getMessage(ZH)).isEqualTo("找不到任务 " + id);
  }
}
