package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
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
 * @param locale the submitter's language as a BCP 47 tag, such as {@code zh-CN}: the task's
 *     messages and files are written in it; {@code null} for English
 */
public record ImportRequest(
    String type,
    String owner,
    String fileName,
    @Nullable Object params,
    @Nullable String dedupKey,
    @Nullable String locale) {

  /** Checks the parts. */
  public ImportRequest {
    requireNonNull(type, "type");
    requireNonNull(owner, "owner");
    requireNonNull(fileName, "fileName");
    if (owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
    locale = Messages.tag(locale);
  }

  /** Returns a request to import a file of the given name with the given type's handler. */
  public static ImportRequest of(String type, String owner, String fileName) {
    return new ImportRequest(type, owner, fileName, null, null, null);
  }

  /** Returns this request with params. */
  public ImportRequest params(@Nullable Object params) {
    return new ImportRequest(type, owner, fileName, params, dedupKey, locale);
  }

  /** Returns this request de-duplicated on a key. */
  public ImportRequest dedupKey(String dedupKey) {
    return new ImportRequest(type, owner, fileName, params, requireNonNull(dedupKey), locale);
  }

  /** Returns this request in the submitter's language, or English for {@code null}. */
  public ImportRequest locale(@Nullable Locale locale) {
    String tag = locale == null ? null : locale.toLanguageTag();
    return new ImportRequest(type, owner, fileName, params, dedupKey, tag);
  }
}
