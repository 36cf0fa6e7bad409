package io.taskport;

import io.taskport.file.FileRef;
import org.jspecify.annotations.Nullable;

/**
 * What a completed task produced.
 *
 * @param file the exported file; for a check, its {@link ImportPreview} as JSON; for another
 *     import, {@code null}
 * @param errorReport for an import with rejected rows, the report of those rows
 * @param counts for an import, what happened to its rows
 */
public record TaskResult(
    @Nullable FileRef file, @Nullable FileRef errorReport, @Nullable RowCounts counts) {

  /** Returns the result of an export. */
  public static TaskResult ofFile(FileRef file) {
    return new TaskResult(file, null, null);
  }
}
