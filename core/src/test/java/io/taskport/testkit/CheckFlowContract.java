package io.taskport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.taskport.ImportPreview;
import io.taskport.ImportRequest;
import io.taskport.RowCounts;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskManagerBuilder;
import io.taskport.TaskNotFoundException;
import io.taskport.TaskQuery;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.TooManyTasksException;
import io.taskport.ValidationException;
import io.taskport.file.LocalFileStore;
import io.taskport.handler.Header;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.ImportMode;
import io.taskport.handler.RowErrors;
import io.taskport.handler.RowMapping;
import io.taskport.store.TaskStore;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks first, then loads, on a store shared by two nodes: node A runs the check, node B takes
 * the confirmation. Every store that holds checks runs it unchanged.
 */
public abstract class CheckFlowContract {
  /** A row of the test import. */
  public record Row(
      @Header(value = "Name", required = true) String name,
      @Header("Balance") BigDecimal balance,
      @Header("Opened") LocalDate opened) {}

  /** Counts every call of {@code accept}; rejects names starting with "bad". */
  public static final class CountingImport implements ImportHandler<Map<String, Object>, Row> {
    final AtomicInteger acceptCalls = new AtomicInteger();
    final List<Row> accepted = new CopyOnWriteArrayList<>();
    volatile ImportMode mode = ImportMode.BEST_EFFORT;

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
    public RowMapping<Row> mapping() {
      return RowMapping.ofRecord(Row.class);
    }

    @Override
    public void check(Row row, RowErrors errors) {
      if (row.name().startsWith("bad")) {
        errors.add("Name", "is a bad name");
      }
    }

    @Override
    public ImportMode mode(Map<String, Object> params) {
      return mode;
    }

    @Override
    public void accept(ImportContext<Map<String, Object>> ctx, List<Row> batch) {
      acceptCalls.incrementAndGet();
      accepted.addAll(batch);
    }
  }

  /** An import only a node without workers registers: its tasks stay PENDING and fill a cap. */
  public static final class HeldImport implements ImportHandler<Map<String, Object>, Row> {
    @Override
    public String type() {
      return "held";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> paramsType() {
      return (Class) Map.class;
    }

    @Override
    public RowMapping<Row> mapping() {
      return RowMapping.ofRecord(Row.class);
    }

    @Override
    public void accept(ImportContext<Map<String, Object>> ctx, List<Row> batch) {
      throw new AssertionError("a held import never runs");
    }
  }

  @TempDir protected Path dir;
  protected final CountingImport handler = new CountingImport();
  protected TaskStore store;
  protected TaskManager nodeA;
  protected TaskManager nodeB;
  private final List<TaskManager> managers = new ArrayList<>();

  /** Returns a new, empty store that both nodes share. */
  protected abstract TaskStore createStore() throws Exception;

  /** Removes what the store wrote and closes it; called after each test. */
  protected void dropStore(TaskStore store) throws Exception {
    store.close();
  }

  /** Returns a builder of a node on the shared store; a subclass may add a clock. */
  protected TaskManagerBuilder node(int workers) {
    return TaskManager.builder()
        .store(store)
        .files(new LocalFileStore(dir))
        .format(new TsvFormat())
        .importer(handler)
        .workers(workers)
        .pollInterval(Duration.ofMillis(20));
  }

  /** Builds and starts a node; it is closed after the test. */
  protected TaskManager start(TaskManagerBuilder b) {
    TaskManager m = b.build();
    managers.add(m);
    m.start();
    return m;
  }

  @BeforeEach
  final void openNodes() throws Exception {
    store = createStore();
    nodeA = start(node(1));
    nodeB = start(node(1));
  }

  @AfterEach
  final void closeNodes() throws Exception {
    managers.forEach(TaskManager::close);
    if (store != null) {
      dropStore(store);
    }
  }

  /** Returns a file of {@code good} good rows and then {@code bad} rejected ones. */
  protected static String file(int good, int bad) {
    StringBuilder b = new StringBuilder("Name\tBalance\tOpened\n");
    for (int i = 1; i <= good; i++) {
      b.append("account ").append(i).append('\t').append(i).append(".50\t2024-03-")
          .append(String.format("%02d", 1 + i % 28)).append('\n');
    }
    for (int i = 1; i <= bad; i++) {
      b.append("bad ").append(i).append("\t1\t2024-01-01\n");
    }
    return b.toString();
  }

  protected Submission check(TaskManager m, String owner, String content) {
    return m.submit(
        ImportRequest.of("accounts", owner, "accounts.tsv").check(true),
        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  protected Task finished(TaskManager m, TaskId id, String owner) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> m.get(id, owner).isTerminal());
    return m.get(id, owner);
  }

  @Test
  void check_readsTheWholeFileAndNeverCallsAccept() throws Exception {
    Task t = finished(nodeA, check(nodeA, "ann", file(25, 2)).id(), "ann");
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.check()).isTrue();
    assertThat(t.result().counts()).isEqualTo(new RowCounts(27, 0, 2, 0));
    assertThat(t.result().errorReport()).isNotNull();
    assertThat(handler.acceptCalls).hasValue(0);
    ImportPreview p = nodeB.preview(t.id(), "ann");
    assertThat(p.headers()).containsExactly("Name", "Balance", "Opened");
    assertThat(p.rows()).hasSize(ImportPreview.MAX_ROWS);
    assertThat(p.rows().get(0)).containsExactly("account 1", "1.50", "2024-03-02");
    assertThat(p.truncated()).isTrue();
    assertThat(p.allOrNothing()).isFalse();
    assertThat(new String(nodeB.openErrorReport(t.id(), "ann").readAllBytes(), StandardCharsets.UTF_8))
        .contains("bad 1").contains("is a bad name");
  }

  @Test
  void confirm_onAnotherNodeLoadsTheStoredUploadOnce() {
    Task check = finished(nodeA, check(nodeA, "ann", file(5, 1)).id(), "ann");
    Submission load = nodeB.confirm(check.id(), "ann");
    assertThat(load.created()).isTrue();
    assertThat(load.task().check()).isFalse();
    assertThat(load.task().input()).isEqualTo(check.input());
    Task loaded = finished(nodeB, load.id(), "ann");
    assertThat(loaded.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(loaded.result().counts()).isEqualTo(new RowCounts(6, 5, 1, 0));
    assertThat(handler.accepted).extracting(Row::name).containsExactly(
        "account 1", "account 2", "account 3", "account 4", "account 5");
    assertThat(nodeA.get(check.id(), "ann").confirmedBy()).isEqualTo(load.id());
    assertThatThrownBy(() -> nodeA.confirm(check.id(), "ann"))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("confirmed already")
        .hasMessageContaining(load.id().value());
    assertThat(handler.accepted).hasSize(5);
  }

  @Test
  void confirm_refusesAnotherOwnersCheckAsNotFound() {
    Task check = finished(nodeA, check(nodeA, "ann", file(2, 0)).id(), "ann");
    assertThatThrownBy(() -> nodeB.confirm(check.id(), "bob"))
        .isInstanceOf(TaskNotFoundException.class);
    assertThat(nodeA.get(check.id(), "ann").confirmedBy()).isNull();
  }

  @Test
  void confirm_refusesACheckWithErrorsWhenTheImportIsAllOrNothing() throws Exception {
    handler.mode = ImportMode.ALL_OR_NOTHING;
    Task check = finished(nodeA, check(nodeA, "ann", file(3, 1)).id(), "ann");
    assertThat(check.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(nodeB.preview(check.id(), "ann").allOrNothing()).isTrue();
    assertThatThrownBy(() -> nodeB.confirm(check.id(), "ann"))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("rejected 1 row(s)")
        .hasMessageContaining("all rows or none");
    assertThat(nodeA.get(check.id(), "ann").confirmedBy()).isNull();
    Task clean = finished(nodeA, check(nodeA, "ann", file(3, 0)).id(), "ann");
    Task loaded = finished(nodeB, nodeB.confirm(clean.id(), "ann").id(), "ann");
    assertThat(loaded.result().counts().imported()).isEqualTo(3);
    assertThat(handler.accepted).hasSize(3);
  }

  @Test
  void confirm_refusesACheckThatDidNotComplete() {
    Task failed = finished(nodeA, check(nodeA, "ann", "Balance\n1\n").id(), "ann");
    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThatThrownBy(() -> nodeB.confirm(failed.id(), "ann"))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("is FAILED")
        .hasMessageContaining("submit the file again");
  }

  @Test
  void confirm_refusesAnImportThatIsNotACheck() {
    TaskId plain =
        nodeA
            .submit(
                ImportRequest.of("accounts", "ann", "a.tsv"),
                new ByteArrayInputStream(file(1, 0).getBytes(StandardCharsets.UTF_8)))
            .id();
    finished(nodeA, plain, "ann");
    assertThatThrownBy(() -> nodeB.confirm(plain, "ann"))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("is not a check");
  }

  @Test
  void confirm_refusesACheckWhoseUploadIsGone() throws Exception {
    Task check = finished(nodeA, check(nodeA, "ann", file(2, 0)).id(), "ann");
    new LocalFileStore(dir).delete(check.input());
    assertThatThrownBy(() -> nodeB.confirm(check.id(), "ann"))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("upload of check " + check.id() + " is gone");
    assertThat(handler.acceptCalls).hasValue(0);
  }

  private static ByteArrayInputStream upload(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void confirm_refusedByTheOwnersCapLeavesTheCheckConfirmable() {
    Task check = finished(nodeA, check(nodeA, "ann", file(3, 0)).id(), "ann");
    TaskManager capped =
        start(node(0).importer(new HeldImport()).maxActivePerOwner(1));
    Submission held = capped.submit(ImportRequest.of("held", "ann", "h.tsv"), upload(file(1, 0)));
    assertThatThrownBy(() -> capped.confirm(check.id(), "ann"))
        .isInstanceOf(TooManyTasksException.class);
    assertThat(nodeB.get(check.id(), "ann").confirmedBy()).isNull();
    assertThat(nodeB.list(TaskQuery.of("ann")).items())
        .extracting(Task::id)
        .containsExactlyInAnyOrder(check.id(), held.id());
    capped.cancel(held.id(), "ann");
    Submission load = capped.confirm(check.id(), "ann");
    assertThat(finished(nodeA, load.id(), "ann").result().counts().imported()).isEqualTo(3);
    assertThat(nodeA.get(check.id(), "ann").confirmedBy()).isEqualTo(load.id());
    assertThat(handler.accepted).hasSize(3);
  }

  @Test
  void confirm_twiceAtOnceOnTwoNodesCreatesOneLoad() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 3; round++) {
        Task check = finished(nodeA, check(nodeA, "ann", file(2, 0)).id(), "ann");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        for (TaskManager m : List.of(nodeA, nodeB)) {
          answers.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      return m.confirm(check.id(), "ann");
                    } catch (TaskStateException e) {
                      return e;
                    }
                  }));
        }
        go.countDown();
        List<Object> got = new ArrayList<>();
        for (Future<Object> f : answers) {
          got.add(f.get(20, TimeUnit.SECONDS));
        }
        assertThat(got).as("round " + round).filteredOn(Submission.class::isInstance).hasSize(1);
        assertThat(got)
            .filteredOn(TaskStateException.class::isInstance)
            .singleElement()
            .extracting(Object::toString)
            .asString()
            .contains("confirmed already");
        Submission load = (Submission) got.stream().filter(Submission.class::isInstance)
            .findFirst().orElseThrow();
        assertThat(nodeB.get(check.id(), "ann").confirmedBy()).isEqualTo(load.id());
        finished(nodeB, load.id(), "ann");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(nodeA.list(TaskQuery.of("ann").limit(50)).items()).hasSize(6);
    assertThat(handler.accepted).hasSize(6);
  }

  @Test
  void submitNamingTheCheck_loadsItWithTheSameRefusalsAsConfirm() {
    Task check = finished(nodeA, check(nodeA, "ann", file(2, 0)).id(), "ann");
    assertThatThrownBy(() -> nodeB.submit(ImportRequest.of("accounts", "bob", "a.tsv"), check.id()))
        .isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> nodeB.submit(ImportRequest.of("other", "ann", "a.tsv"), check.id()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not 'other'");
    assertThatThrownBy(
            () ->
                nodeB.submit(
                    ImportRequest.of("accounts", "ann", "a.tsv").params(Map.of("year", 2024)),
                    check.id()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("params differ");
    assertThat(nodeA.get(check.id(), "ann").confirmedBy()).isNull();
    Submission load =
        nodeB.submit(
            ImportRequest.of("accounts", "ann", "a.tsv").locale(Locale.SIMPLIFIED_CHINESE),
            check.id());
    assertThat(load.task().locale()).isEqualTo("zh-CN");
    assertThat(load.task().input()).isEqualTo(check.input());
    assertThat(load.task().check()).isFalse();
    assertThat(finished(nodeB, load.id(), "ann").result().counts().imported()).isEqualTo(2);
    TaskStateException again =
        catchThrowableOfType(
            TaskStateException.class,
            () -> nodeA.submit(ImportRequest.of("accounts", "ann", "a.tsv"), check.id()));
    assertThat(again).hasMessageContaining("confirmed already");
    assertThat(again.getMessage(Locale.SIMPLIFIED_CHINESE))
        .contains("已经确认过")
        .doesNotContain("confirmed");
    assertThat(handler.accepted).hasSize(2);
  }
}
