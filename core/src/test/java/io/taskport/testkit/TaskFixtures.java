package io.taskport.testkit;

import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.file.FileRef;
import io.taskport.store.NewTask;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Builders of new tasks that read like the domain: {@code pendingExport().owner("ann")}. */
public final class TaskFixtures {
  private TaskFixtures() {}

  /** Returns a builder of a new export of type {@code accounts} by {@code ann}. */
  public static NewTaskBuilder pendingExport() {
    return new NewTaskBuilder(TaskKind.EXPORT);
  }

  /** Returns a builder of a new import of type {@code accounts} by {@code ann}. */
  public static NewTaskBuilder pendingImport() {
    return new NewTaskBuilder(TaskKind.IMPORT)
        .input(new FileRef("up/" + TaskId.random().value(), "accounts.csv", 10, "text/csv"));
  }

  /** A mutable builder of {@link NewTask}. */
  public static final class NewTaskBuilder {
    private final TaskKind kind;
    private TaskId id = TaskId.random();
    private String type = "accounts";
    private String owner = "ann";
    private String format = "csv";
    private String params = "{}";
    private @Nullable String dedupKey;
    private @Nullable FileRef input;
    private int maxAttempts = 3;
    private Duration retention = Duration.ofHours(1);
    private @Nullable String locale;

    private NewTaskBuilder(TaskKind kind) {
      this.kind = kind;
    }

    public NewTaskBuilder id(TaskId id) {
      this.id = id;
      return this;
    }

    public NewTaskBuilder type(String type) {
      this.type = type;
      return this;
    }

    public NewTaskBuilder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public NewTaskBuilder format(String format) {
      this.format = format;
      return this;
    }

    public NewTaskBuilder params(String params) {
      this.params = params;
      return this;
    }

    public NewTaskBuilder dedupKey(@Nullable String dedupKey) {
      this.dedupKey = dedupKey;
      return this;
    }

    public NewTaskBuilder input(@Nullable FileRef input) {
      this.input = input;
      return this;
    }

    public NewTaskBuilder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public NewTaskBuilder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    public NewTaskBuilder locale(@Nullable String locale) {
      this.locale = locale;
      return this;
    }

    public NewTask build() {
      return new NewTask(
          id, kind, type, owner, format, params, dedupKey, input, maxAttempts, retention, locale);
    }
  }
}
