package io.taskport.spring.web;

import io.taskport.Messages;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The user's language from {@code Accept-Language}: the first of Taskport's languages that the
 * header accepts, else English. Never the server's default locale, so a host's locale does not
 * leak into answers.
 */
final class Languages {
  /** The web layer's own texts: problem titles and details. */
  static final Messages WEB = Messages.of(Languages.class, "io/taskport/spring/web/messages");

  private Languages() {}

  /** Returns the language a header asks for, or English when it asks for none of Taskport's. */
  static Locale of(@Nullable String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
      for (Locale.LanguageRange range : ranges) {
        if (range.getWeight() <= 0) {
          continue;
        }
        String tag = range.getRange();
        if (tag.equals("*")) {
          return Locale.ENGLISH;
        }
        Locale wanted = Locale.forLanguageTag(tag);
        for (Locale supported : Messages.LOCALES) {
          if (supported.getLanguage().equals(wanted.getLanguage())) {
            return supported;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      // a malformed header: answer in English rather than refuse the request
    }
    return Locale.ENGLISH;
  }

  /** Returns the BCP 47 tag stored with a task, or {@code null} for English. */
  static @Nullable Locale forTask(Locale locale) {
    return locale.getLanguage().equals("en") ? null : locale;
  }

  /** Returns a web text in a language. */
  static String text(Locale locale, String key, Object... args) {
    return WEB.text(locale, key, args);
  }
}
