package io.taskport.store;

import static java.util.Objects.requireNonNull;

import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.file.FileRef;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TaskStore#create} needs to create a PENDING task. The store adds the times.
 *
 * @param id the new task's id
 * @param kind export or import
 * @param type the handler type
 * @param owner who asked for it
 * @param format the file format name
 * @param params the params as JSON
 * @param dedupKey with owner and type, at most one active task has it; {@code null} for no
 *     de-duplication
 * @param input for an import, the uploaded file
 * @param maxAttempts the most claims allowed
 * @param retention how long the task is kept once finished
 * @param locale the submitter's language as a BCP 47 tag, such as {@code zh-CN}, in which the
 *     task's messages are written; {@code null} for English
 */
public record NewTask(
    TaskId id,
    TaskKind kind,
    String type,
    String owner,
    String format,
    String params,
    @Nullable String dedupKey,
    @Nullable FileRef input,
    int maxAttempts,
    Duration retention,
    @Nullable String locale) {

  /** Checks the parts. */
  public NewTask {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(type, "type");
    requireNonNull(owner, "owner");
    requireNonNull(format, "format");
    requireNonNull(params, "params");
    requireNonNull(retention, "retention");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative, was " + retention);
    }
  }

  /** Creates a new task without a locale: its messages are English. */
  public NewTask(
      TaskId id,
      TaskKind kind,
      String type,
      String owner,
      String format,
      String params,
      @Nullable String dedupKey,
      @Nullable FileRef input,
      int maxAttempts,
      Duration retention) {
    this(id, kind, type, owner, format, params, dedupKey, input, maxAttempts, retention, null);
  }

  /** Returns the key under which at most one active task may exist, or {@code null}. */
  public @Nullable String activeKey() {
    return dedupKey == null ? null : activeKey(owner, type, dedupKey);
  }

  /** Returns the key under which at most one active task may exist for these parts. */
  public static String activeKey(String owner, String type, String dedupKey) {
    // length-prefixed so that no two different triples give the same key
    return owner.length() + ":" + owner + "|" + type.length() + ":" + type + "|" + dedupKey;
  }
}
