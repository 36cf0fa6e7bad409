package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A text to be written later in the reader's language: a bundle, a key in it and the arguments.
 * Exceptions and row errors carry one so that the same failure reads in English for one user and
 * in Chinese for another. Made by {@link #of} for Taskport's own texts and by {@link Messages#key}
 * for a handler's.
 *
 * @param messages the bundle that has the key (or falls back to Taskport's)
 * @param key the key in the bundle, such as {@code row.notInteger}
 * @param args the values of {@code {0}}, {@code {1}}, …; may hold {@code null}
 */
public record MessageKey(Messages messages, String key, List<@Nullable Object> args) {
  /** Checks the parts and copies the arguments. */
  public MessageKey {
    requireNonNull(messages, "messages");
    requireNonNull(key, "key");
    requireNonNull(args, "args");
    args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
  }

  /** Returns one of Taskport's own texts with arguments. */
  public static MessageKey of(String key, @Nullable Object... args) {
    return new MessageKey(Messages.core(), key, Arrays.asList(args));
  }

  /** Formats the text in a locale; {@code null} for English. */
  public String format(@Nullable Locale locale) {
    return messages.text(locale, key, args.toArray());
  }

  @Override
  public String toString() {
    return format(Locale.ENGLISH);
  }
}
