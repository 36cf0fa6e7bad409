package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

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

  /** Returns every problem found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  /**
   * One problem with one input field.
   *
   * @param field the field's path, such as {@code params.from} or {@code type}
   * @param message what is wrong and what is accepted
   */
  public record Violation(String field, String message) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks that both parts are present. */
    public Violation {
      requireNonNull(field, "field");
      requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return field + ": " + message;
    }
  }
}
