package io.taskport.internal;

import io.taskport.Messages;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Names what the first bytes of a file look like, and what to do about it, for error messages. */
final class Signatures {
  /** How many bytes of a file's head {@link #describe} looks at. */
  static final int HEAD = 512;

  private Signatures() {}

  /**
   * Returns what the file seems to be, then what the user should do, separated by "; ", in the
   * user's language.
   */
  static String describe(byte[] head, Locale locale) {
    if (startsWith(head, 'P', 'K', 3, 4)) {
      if (ascii(head).contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
        return text(locale, "sig.ods", saveAgain(locale));
      }
      return text(locale, "sig.zip");
    }
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
      return text(locale, "sig.ole2");
    }
    String biff = oldExcel(head);
    if (biff != null) {
      return text(locale, "sig.oldExcel", text(locale, biff), saveAgain(locale));
    }
    String markup = markup(head);
    if (markup != null) {
      return text(locale, "sig.markup", text(locale, markup), saveAgain(locale));
    }
    if (startsWith(head, 0x7f, 'E', 'L', 'F') || startsWith(head, 'M', 'Z')) {
      return text(locale, "sig.program");
    }
    if (startsWith(head, '%', 'P', 'D', 'F')) {
      return text(locale, "sig.pdf");
    }
    for (int i = 0; i < head.length && !isUtf16(head); i++) {
      if (head[i] == 0) {
        return text(locale, "sig.binary");
      }
    }
    return text(locale, "sig.text");
  }

  private static String saveAgain(Locale locale) {
    return text(locale, "sig.saveAgain");
  }

  private static String text(Locale locale, String key, Object... args) {
    return Messages.format(locale, key, args);
  }

  /** Excel 2.x to 4.0 files are a bare BIFF record stream starting with a BOF record. */
  private static @Nullable String oldExcel(byte[] head) {
    if (head.length < 4 || head[0] != 0x09 || head[3] != 0 || head[2] < 4 || head[2] > 20) {
      return null;
    }
    return switch (head[1]) {
      case 0x00 -> "sig.biff2";
      case 0x02 -> "sig.biff3";
      case 0x04 -> "sig.biff4";
      default -> null;
    };
  }

  /** Names the key of HTML or XML, also in UTF-16 or behind comments; {@code null} for others. */
  private static @Nullable String markup(byte[] head) {
    String text = skipComments(headText(head).toLowerCase(Locale.ROOT));
    if (text.startsWith("<!--")) {
      return "sig.htmlOrXml";
    }
    if (text.length() < 2 || text.charAt(0) != '<') {
      return null;
    }
    if (text.startsWith("<!doctype html") || HTML_TAG.matcher(text).lookingAt()
        || text.contains("<html")) {
      return "sig.html";
    }
    if (text.contains("urn:schemas-microsoft-com:office:spreadsheet")) {
      return "sig.excelXml";
    }
    char next = text.charAt(1);
    return next == '?' || next == '!' || Character.isLetter(next) ? "sig.xml" : null;
  }

  /** Tags that start the HTML web applications save as spreadsheets. */
  private static final Pattern HTML_TAG = Pattern.compile(
      "<(html|head|body|meta|title|style|link|script|table|thead|tbody|tr|td|th|div|p|span"
          + "|font|br|center|form|h[1-6])[\\s/>]");

  /** Returns the head as text: UTF-16 after its byte order mark, else one char per byte. */
  private static String headText(byte[] head) {
    if (isUtf16(head)) {
      Charset utf16 = head[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE
          : StandardCharsets.UTF_16BE;
      return new String(head, 2, (head.length - 2) & ~1, utf16);
    }
    int from = startsWith(head, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    return new String(head, from, head.length - from, StandardCharsets.ISO_8859_1);
  }

  private static boolean isUtf16(byte[] head) {
    return startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF);
  }

  /** Returns the text after leading white space and complete {@code <!-- -->} comments. */
  private static String skipComments(String text) {
    String t = text.stripLeading();
    while (t.startsWith("<!--")) {
      int end = t.indexOf("-->", 4);
      if (end < 0) {
        return t;
      }
      t = t.substring(end + 3).stripLeading();
    }
    return t;
  }

  private static String ascii(byte[] head) {
    return new String(head, StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] head, int... magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
