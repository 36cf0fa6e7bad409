package io.taskport.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Names what the first bytes of a file look like, and what to do about it, for error messages. */
final class Signatures {
  /** How many bytes of a file's head {@link #describe} looks at. */
  static final int HEAD = 512;

  private static final String SAVE_AGAIN =
      "open it in Excel or LibreOffice, save it as Excel Workbook (.xlsx) or CSV, and upload it"
          + " again";

  private Signatures() {}

  /** Returns what the file seems to be, then what the user should do, separated by "; ". */
  static String describe(byte[] head) {
    if (startsWith(head, 'P', 'K', 3, 4)) {
      if (ascii(head).contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
        return "an OpenDocument spreadsheet (.ods); " + SAVE_AGAIN;
      }
      return "a ZIP archive (such as XLSX); save it in the format its name says and upload it"
          + " again";
    }
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
      return "an OLE2 document (such as XLS, or a password-protected workbook); save it in the"
          + " format its name says and upload it again";
    }
    String biff = oldExcel(head);
    if (biff != null) {
      return "an " + biff + " file, a format too old to read; " + SAVE_AGAIN;
    }
    String markup = markup(head);
    if (markup != null) {
      return markup + " saved with a spreadsheet name; " + SAVE_AGAIN;
    }
    if (startsWith(head, 0x7f, 'E', 'L', 'F') || startsWith(head, 'M', 'Z')) {
      return "a program, not a spreadsheet; upload the spreadsheet itself";
    }
    if (startsWith(head, '%', 'P', 'D', 'F')) {
      return "a PDF document; upload the spreadsheet itself";
    }
    for (int i = 0; i < head.length && !isUtf16(head); i++) {
      if (head[i] == 0) {
        return "binary data; upload the spreadsheet itself";
      }
    }
    return "text (such as CSV); save it in the format its name says and upload it again";
  }

  /** Excel 2.x to 4.0 files are a bare BIFF record stream starting with a BOF record. */
  private static String oldExcel(byte[] head) {
    if (head.length < 4 || head[0] != 0x09 || head[3] != 0 || head[2] < 4 || head[2] > 20) {
      return null;
    }
    return switch (head[1]) {
      case 0x00 -> "Excel 2.x worksheet (BIFF2)";
      case 0x02 -> "Excel 3.0 worksheet (BIFF3)";
      case 0x04 -> "Excel 4.0 worksheet (BIFF4)";
      default -> null;
    };
  }

  /** Names HTML or XML, also in UTF-16 or behind comments; {@code null} for anything else. */
  private static @Nullable String markup(byte[] head) {
    String text = skipComments(headText(head).toLowerCase(Locale.ROOT));
    if (text.startsWith("<!--")) {
      return "a web page (HTML) or an XML file";
    }
    if (text.length() < 2 || text.charAt(0) != '<') {
      return null;
    }
    if (text.startsWith("<!doctype html") || HTML_TAG.matcher(text).lookingAt()
        || text.contains("<html")) {
      return "a web page (HTML)";
    }
    if (text.contains("urn:schemas-microsoft-com:office:spreadsheet")) {
      return "an Excel 2003 XML spreadsheet";
    }
    char next = text.charAt(1);
    return next == '?' || next == '!' || Character.isLetter(next) ? "an XML file" : null;
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
