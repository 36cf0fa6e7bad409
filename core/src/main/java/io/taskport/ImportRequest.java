package io.taskport;

import static java.util.Objects.requireNonNull;

import io.taskport.store.Scheduling;
import org.jspecify.annotations.Nullable;

/**
 * A request for an import of an uploaded file. Immutable: each method returns a new request.
 *
 * <pre>{@code
 * tasks.submit(ImportRequest.of("accounts", user, "accounts.xlsx"), upload.getInputStream());
 * }</pre>
 *
 * @param type the import handler's type
 * @param owner who asks; every later call about the task must give the same owner
 * @param fileName the uploaded file's name as the user gave it; only its extension is used, to
 *     help detect the format, and it is never used as a storage key
 * @param params the params: a JSON string, a {@code Map}, or an object of the handler's params
 *     type; {@code null} for none
 * @param dedupKey with owner and type, at most one active import has it; {@code null} for none
 * @param priority from 0 (lowest) to 4 (highest), 2 by default; higher is claimed first
 * @param fairnessKey what fair claiming takes turns by, such as a tenant; {@code null} for the
 *     owner
 */
public record ImportRequest(
    String type,
    String owner,
    String fileName,
    @Nullable Object params,
    @Nullable String dedupKey,
    int priority,
    @Nullable String fairnessKey) {

  /** Checks the parts. */
  public ImportRequest {
    requireNonNull(type, "type");
    requireNonNull(owner, "owner");
    requireNonNull(fileName, "fileName");
    if (owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
    Scheduling.checkPriority(priority);
  }

  /** Creates a request of normal priority, fair by owner. */
  public ImportRequest(
      String type, String owner, String fileName, @Nullable Object params,
      @Nullable String dedupKey) {
    this(type, owner, fileName, params, dedupKey, Scheduling.NORMAL_PRIORITY, null);
  }

  /** Returns a request to import a file of the given name with the given type's handler. */
  public static ImportRequest of(String type, String owner, String fileName) {
    return new ImportRequest(type, owner, fileName, null, null);
  }

  /** Returns this request with params. */
  public ImportRequest params(@Nullable Object params) {
    return new ImportRequest(type, owner, fileName, params, dedupKey, priority, fairnessKey);
  }

  /** Returns this request de-duplicated on a key. */
  public ImportRequest dedupKey(String dedupKey) {
    return new ImportRequest(
        type, owner, fileName, params, requireNonNull(dedupKey), priority, fairnessKey);
  }

  /** Returns this request with a priority from 0 (lowest) to 4 (highest); 2 by default. */
  public ImportRequest priority(int priority) {
    return new ImportRequest(type, owner, fileName, params, dedupKey, priority, fairnessKey);
  }

  /** Returns this request with a fairness key, such as a tenant, instead of the owner. */
  public ImportRequest fairnessKey(String key) {
    return new ImportRequest(
        type, owner, fileName, params, dedupKey, priority, requireNonNull(key));
  }
}
