package io.taskport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Texts a user sees, in the user's language, from UTF-8 properties files. Taskport's own texts are
 * in {@code io/taskport/messages.properties} (English) and {@code messages_zh_CN.properties}
 * (Simplified Chinese); a handler adds its own with {@link #of(Class, String)}, which falls back
 * to Taskport's for keys it does not have.
 *
 * <pre>{@code
 * Messages.format(Locale.SIMPLIFIED_CHINESE, "row.error", 5, "数量 must be a whole number");
 * // com/acme/orders.properties, com/acme/orders_zh_CN.properties
 * Messages orders = Messages.of(OrderImport.class, "com/acme/orders");
 * orders.format(locale, "orders.sku.unknown", sku);
 * }</pre>
 *
 * <p>A locale's file is found as {@code base_<language>_<COUNTRY>}, then {@code base_<language>},
 * then the English {@code base}; any Chinese locale without a file of its own reads {@code zh_CN}.
 * Each step asks the handler's bundle, then Taskport's, so a Chinese text of either comes before
 * an English one.
 * Arguments replace {@code {0}}, {@code {1}}, … as {@code String.valueOf} writes them (a {@link
 * MessageKey} argument in the same language); there is no
 * other syntax, so apostrophes and braces need no quoting. A key found nowhere formats as itself.
 * Files are read once, through the given class's loader, never through {@code ResourceBundle}.
 * Instances are immutable and thread-safe.
 */
public final class Messages {
  /** The languages Taskport's own texts are written in: English and Simplified Chinese. */
  public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

  private static final Messages CORE =
      new Messages(Messages.class.getClassLoader(), "io/taskport/messages", null);

  private final ClassLoader loader;
  private final String base;
  private final @Nullable Messages parent;
  private final Map<String, Map<String, String>> files = new ConcurrentHashMap<>();

  private Messages(ClassLoader loader, String base, @Nullable Messages parent) {
    this.loader = loader;
    this.base = base;
    this.parent = parent;
  }

  /** Returns Taskport's own texts. */
  public static Messages core() {
    return CORE;
  }

  /**
   * Returns the texts of a handler's bundle, backed by Taskport's own.
   *
   * @param anchor a class whose loader finds the files
   * @param baseName the files' path without suffix, such as {@code com/acme/orders} (dots are read
   *     as slashes)
   */
  public static Messages of(Class<?> anchor, String baseName) {
    requireNonNull(anchor, "anchor");
    requireNonNull(baseName, "baseName");
    ClassLoader loader = anchor.getClassLoader();
    String base = baseName.replace('.', '/');
    if (base.startsWith("/")) {
      base = base.substring(1);
    }
    return new Messages(loader == null ? Messages.class.getClassLoader() : loader, base, CORE);
  }

  /** Formats one of Taskport's own texts in a locale ({@code null} for English). */
  public static String format(@Nullable Locale locale, String key, Object... args) {
    return CORE.text(locale, key, args);
  }

  /**
   * Returns the locale of a BCP 47 tag such as {@code zh-CN}, or English for {@code null}, a blank
   * tag or one that names no language.
   */
  public static Locale locale(@Nullable String tag) {
    if (tag == null || tag.isBlank()) {
      return Locale.ENGLISH;
    }
    Locale l = Locale.forLanguageTag(tag.strip().replace('_', '-'));
    return l.getLanguage().isEmpty() ? Locale.ENGLISH : l;
  }

  /**
   * Returns the canonical BCP 47 tag of a request's locale, or {@code null} for none.
   *
   * @throws IllegalArgumentException if the tag names no language or is longer than 64 characters
   */
  static @Nullable String tag(@Nullable String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    Locale l = Locale.forLanguageTag(tag.strip().replace('_', '-'));
    String canonical = l.toLanguageTag();
    if (l.getLanguage().isEmpty() || canonical.length() > 64) {
      throw new IllegalArgumentException(
          "locale must be a BCP 47 language tag such as en or zh-CN, was '" + tag + "'");
    }
    return canonical;
  }

  /** Formats a text of this bundle (or, if it lacks the key, Taskport's) in a locale. */
  public String text(@Nullable Locale locale, String key, Object... args) {
    requireNonNull(key, "key");
    Locale l = locale == null ? Locale.ENGLISH : locale;
    String pattern = pattern(l, key);
    return substitute(pattern == null ? key : pattern, localized(l, args));
  }

  /** Writes arguments that are texts themselves in the same language. */
  private static Object[] localized(Locale locale, Object[] args) {
    Object[] out = args;
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof MessageKey k) {
        if (out == args) {
          out = args.clone();
        }
        out[i] = k.format(locale);
      }
    }
    return out;
  }

  /** Returns a text of this bundle to be formatted later, in the reader's language. */
  public MessageKey key(String key, @Nullable Object... args) {
    return new MessageKey(this, key, java.util.Arrays.asList(args));
  }

  /** Returns whether this bundle or Taskport's has the key in English. */
  public boolean has(String key) {
    return pattern(Locale.ENGLISH, key) != null;
  }

  /**
   * Returns the key's text in every language of {@link #LOCALES} that has it, English first,
   * without duplicates; used to accept a header written in any of them.
   */
  public List<String> texts(String key) {
    Set<String> all = new LinkedHashSet<>();
    for (Locale l : LOCALES) {
      String p = pattern(l, key);
      if (p != null) {
        all.add(p);
      }
    }
    return List.copyOf(all);
  }

  /** Looks up a language's files through the chain before falling back to English. */
  private @Nullable String pattern(Locale locale, String key) {
    for (String suffix : suffixes(locale)) {
      for (Messages m = this; m != null; m = m.parent) {
        String p = m.file(suffix).get(key);
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  private static List<String> suffixes(Locale locale) {
    List<String> s = new ArrayList<>(4);
    String lang = locale.getLanguage();
    if (!lang.isEmpty()) {
      if (!locale.getCountry().isEmpty()) {
        s.add("_" + lang + "_" + locale.getCountry());
      }
      s.add("_" + lang);
      if (lang.equals("zh") && !locale.getCountry().equals("CN")) {
        s.add("_zh_CN");
      }
    }
    s.add("");
    return s;
  }

  private Map<String, String> file(String suffix) {
    return files.computeIfAbsent(suffix, this::load);
  }

  private Map<String, String> load(String suffix) {
    String path = base + suffix + ".properties";
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        return Map.of();
      }
      Properties p = new Properties();
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      Map<String, String> m = new HashMap<>();
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
      return Map.copyOf(m);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static String substitute(String pattern, Object... args) {
    if (args.length == 0 || pattern.indexOf('{') < 0) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length() + 32);
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int close = c == '{' ? pattern.indexOf('}', i) : -1;
      if (close > i + 1 && close <= i + 3 && digits(pattern, i + 1, close)) {
        int n = Integer.parseInt(pattern.substring(i + 1, close));
        if (n < args.length) {
          out.append(args[n]);
          i = close + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "Messages[" + base + "]";
  }
}
