package io.taskport;

import static java.util.Objects.requireNonNull;

import io.taskport.store.Scheduling;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A request for an export. Immutable: each method returns a new request.
 *
 * <pre>{@code
 * tasks.submit(ExportRequest.of("accounts", user).format("xlsx").params(Map.of("region", "EU")));
 * }</pre>
 *
 * <p>By default an export is de-duplicated on its format and params: while the same owner has an
 * active export of the same type, format and params, submitting it again returns that task.
 *
 * @param type the export handler's type
 * @param owner who asks; every later call about the task must give the same owner
 * @param format the file format name; {@code csv} by default
 * @param params the params: a JSON string, a {@code Map}, or an object of the handler's params
 *     type; {@code null} for none
 * @param dedupKey the dedup key, or {@code null} for the default
 * @param deduplicate whether to de-duplicate at all
 * @param locale the submitter's language as a BCP 47 tag, such as {@code zh-CN}: the task's
 *     messages and files are written in it; {@code null} for English
 * @param columns the keys of the columns to write, in order, chosen from the handler's columns for
 *     the params; empty for all of them in the handler's order
 * @param priority from 0 (lowest) to 4 (highest), 2 by default; higher is claimed first, and a
 *     waiting task makes up one level per {@code priorityAgeing}
 * @param fairnessKey what fair claiming takes turns by, such as a tenant; {@code null} for the
 *     owner
 */
public record ExportRequest(
    String type,
    String owner,
    String format,
    @Nullable Object params,
    @Nullable String dedupKey,
    boolean deduplicate,
    @Nullable String locale,
    List<String> columns,
    int priority,
    @Nullable String fairnessKey) {

  /**
   * The property of a task's stored params ({@link Task#params()}) that holds the chosen columns,
   * present only when a request chose some. No params class can declare it, and submit refuses
   * params that hold it.
   */
  public static final String COLUMNS_PARAM = "@columns";

  /** Checks the parts and copies the column list. */
  public ExportRequest {
    requireNonNull(type, "type");
    requireNonNull(owner, "owner");
    requireNonNull(format, "format");
    if (owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
    locale = Messages.tag(locale);
    columns = List.copyOf(requireNonNull(columns, "columns"));
    Scheduling.checkPriority(priority);
  }

  /** Creates a request of normal priority, fair by owner. */
  public ExportRequest(
      String type,
      String owner,
      String format,
      @Nullable Object params,
      @Nullable String dedupKey,
      boolean deduplicate,
      @Nullable String locale,
      List<String> columns) {
    this(
        type, owner, format, params, dedupKey, deduplicate, locale, columns,
        Scheduling.NORMAL_PRIORITY, null);
  }

  /** Creates a request of normal priority, fair by owner, in English, of every column. */
  public ExportRequest(
      String type,
      String owner,
      String format,
      @Nullable Object params,
      @Nullable String dedupKey,
      boolean deduplicate) {
    this(type, owner, format, params, dedupKey, deduplicate, null, List.of());
  }

  /** Returns a request for an export of the given type by the given owner, as CSV. */
  public static ExportRequest of(String type, String owner) {
    return new ExportRequest(type, owner, "csv", null, null, true);
  }

  /** Returns this request with another format, such as {@code xlsx}. */
  public ExportRequest format(String format) {
    return new ExportRequest(
        type, owner, format, params, dedupKey, deduplicate, locale, columns, priority,
        fairnessKey);
  }

  /** Returns this request with params: a JSON string, a {@code Map} or a params object. */
  public ExportRequest params(@Nullable Object params) {
    return new ExportRequest(
        type, owner, format, params, dedupKey, deduplicate, locale, columns, priority,
        fairnessKey);
  }

  /** Returns this request with an explicit dedup key instead of one derived from the params. */
  public ExportRequest dedupKey(String dedupKey) {
    return new ExportRequest(
        type, owner, format, params, requireNonNull(dedupKey), true, locale, columns, priority,
        fairnessKey);
  }

  /** Returns this request without de-duplication: every submit creates a task. */
  public ExportRequest allowDuplicates() {
    return new ExportRequest(
        type, owner, format, params, null, false, locale, columns, priority, fairnessKey);
  }

  /** Returns this request in the submitter's language, or English for {@code null}. */
  public ExportRequest locale(@Nullable Locale locale) {
    String tag = locale == null ? null : locale.toLanguageTag();
    return new ExportRequest(
        type, owner, format, params, dedupKey, deduplicate, tag, columns, priority, fairnessKey);
  }

  /**
   * Returns this request writing only the given columns, in the given order: keys (by default the
   * headers) of the handler's columns for the params. Submit refuses unknown or repeated keys. An
   * empty list writes every column.
   *
   * <pre>{@code
   * tasks.submit(ExportRequest.of("accounts", user).columns(List.of("Balance", "Name")));
   * }</pre>
   */
  public ExportRequest columns(List<String> columns) {
    return new ExportRequest(
        type, owner, format, params, dedupKey, deduplicate, locale, columns, priority,
        fairnessKey);
  }

  /** Returns this request with a priority from 0 (lowest) to 4 (highest); 2 by default. */
  public ExportRequest priority(int priority) {
    return new ExportRequest(
        type, owner, format, params, dedupKey, deduplicate, locale, columns, priority,
        fairnessKey);
  }

  /** Returns this request with a fairness key, such as a tenant, instead of the owner. */
  public ExportRequest fairnessKey(String key) {
    return new ExportRequest(
        type, owner, format, params, dedupKey, deduplicate, locale, columns, priority,
        requireNonNull(key));
  }
}
