package io.taskport.internal;

import io.taskport.ImportPreview;
import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Collects the first good rows of a check, bounded, and stores them as a small JSON file. */
final class PreviewRows {
  static final String FILE_NAME = "preview.json";
  static final String CONTENT_TYPE = "application/json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<List<String>> rows = new ArrayList<>();
  private final boolean allOrNothing;
  private List<String> headers = List.of();
  private long chars;
  private boolean truncated;

  PreviewRows(boolean allOrNothing) {
    this.allOrNothing = allOrNothing;
  }

  void headers(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  /** Keeps a good row's converted values, while the bounds allow. */
  void add(@Nullable Object[] values) {
    if (truncated) {
      return;
    }
    if (rows.size() >= ImportPreview.MAX_ROWS) {
      truncated = true;
      return;
    }
    List<String> row = new ArrayList<>(values.length);
    long size = 0;
    for (Object v : values) {
      String text = render(v);
      size += text.length();
      row.add(text);
    }
    if (chars + size > ImportPreview.MAX_CHARS) {
      truncated = true;
      return;
    }
    chars += size;
    rows.add(row);
  }

  /** Stores the preview as a JSON file of the task. */
  FileRef commit(FileStore files, TaskId taskId) throws IOException {
    try (FileDraft draft = files.create(taskId, FILE_NAME, CONTENT_TYPE)) {
      JSON.writeValue(draft.stream(), new ImportPreview(headers, rows, truncated, allOrNothing));
      return draft.commit();
    } catch (JacksonException e) {
      throw new IOException("writing the preview failed", e);
    }
  }

  /** Reads a preview stored by {@link #commit}. */
  static ImportPreview read(InputStream in) throws IOException {
    try {
      return JSON.readValue(in, ImportPreview.class);
    } catch (JacksonException e) {
      throw new IOException("the stored preview is not valid", e);
    }
  }

  static String render(@Nullable Object value) {
    String text =
        value == null
            ? ""
            : value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    return text.length() <= ImportPreview.MAX_VALUE_CHARS
        ? text
        : text.substring(0, ImportPreview.MAX_VALUE_CHARS - 1) + "…";
  }
}
