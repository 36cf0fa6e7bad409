package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A request was refused before any task existed: unknown type or format, bad params, or a
 * handler's own validation. Maps to HTTP 400. Handlers may throw it from {@code validate}; thrown
 * while a task runs, it fails the task at once without retries.
 */
public class ValidationException extends TaskportException {
  private static final long serialVersionUID = 1L;
  private final List<Violation> violations;

  /** Creates the exception from one or more violations. */
  public ValidationException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
    if (this.violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
  }

  /** Creates the exception for one field. */
  public ValidationException(String field, String message) {
    this(List.of(new Violation(field, message)));
  }

  /** Creates the exception for one field, with a text written in the reader's language. */
  public ValidationException(String field, MessageKey message) {
    this(List.of(new Violation(field, message)));
  }

  /** Returns every problem found. */
  public List<Violation> violations() {
    return violations;
  }

  /** Returns every problem, each in a locale, as {@code field: message; field: message}. */
  @Override
  public String getMessage(@Nullable Locale locale) {
    return violations.stream()
        .map(v -> v.field() + ": " + v.message(locale))
        .collect(Collectors.joining("; "));
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  /**
   * One problem with one input field.
   *
   * @param field the field's path, such as {@code params.from} or {@code type}
   * @param message what is wrong and what is accepted, in English (or the only language given)
   * @param key the text's key and arguments, to write it in another language; {@code null} when
   *     the message is a fixed text
   */
  public record Violation(String field, String message, @Nullable MessageKey key)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks that field and message are present. */
    public Violation {
      requireNonNull(field, "field");
      requireNonNull(message, "message");
    }

    /** Creates a violation with a fixed text. */
    public Violation(String field, String message) {
      this(field, message, null);
    }

    /** Creates a violation whose text is written in the reader's language. */
    public Violation(String field, MessageKey key) {
      this(field, key.format(Locale.ENGLISH), key);
    }

    /** Returns the message in a locale ({@code null} for English); a fixed text as it is. */
    public String message(@Nullable Locale locale) {
      return key == null ? message : key.format(locale);
    }

    @Override
    public String toString() {
      return field + ": " + message;
    }
  }
}
