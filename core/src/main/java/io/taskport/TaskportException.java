package io.taskport;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The root of Taskport's domain failures. Misuse of the API gets the JDK's exceptions instead. An
 * exception made from a {@link MessageKey} has an English {@link #getMessage()} and gives the text
 * in any language with {@link #getMessage(Locale)}.
 */
public class TaskportException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient @Nullable MessageKey messageKey;

  /** Creates an exception with a message. */
  public TaskportException(String message) {
    super(message);
    this.messageKey = null;
  }

  /** Creates an exception with a message and a cause. */
  public TaskportException(String message, @Nullable Throwable cause) {
    super(message, cause);
    this.messageKey = null;
  }

  /** Creates an exception whose message is a text of a bundle, English by default. */
  public TaskportException(MessageKey message, @Nullable Throwable cause) {
    super(message.format(Locale.ENGLISH), cause);
    this.messageKey = message;
  }

  /** Returns the key the message was made from, or {@code null} for a fixed text. */
  public @Nullable MessageKey messageKey() {
    return messageKey;
  }

  /** Returns the message in a locale ({@code null} for English); a fixed text as it is. */
  public String getMessage(@Nullable Locale locale) {
    return messageKey == null ? String.valueOf(getMessage()) : messageKey.format(locale);
  }
}
