package io.taskport.excel;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Tells file kinds apart by their first bytes. */
final class Signatures {
  private Signatures() {}

  enum Kind {
    ZIP,
    OLE2,
    BINARY,
    /** HTML or XML, as web applications save "Excel" files. */
    MARKUP,
    TEXT
  }

  static Kind of(byte[] head) {
    if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)
        || startsWith(head, 0x50, 0x4B, 0x05, 0x06)
        || startsWith(head, 0x50, 0x4B, 0x07, 0x08)) {
      return Kind.ZIP;
    }
    if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return Kind.OLE2;
    }
    if (startsWith(head, 0x7F, 'E', 'L', 'F')
        || startsWith(head, 'M', 'Z')
        || startsWith(head, '%', 'P', 'D', 'F')
        || startsWith(head, 0x1F, 0x8B)
        || startsWith(head, 0xCA, 0xFE, 0xBA, 0xBE)
        || startsWith(head, 0x89, 'P', 'N', 'G')
        || startsWith(head, 0xFF, 0xD8, 0xFF)
        || isOldExcel(head)) {
      return Kind.BINARY;
    }
    return isMarkup(head) ? Kind.MARKUP : Kind.TEXT;
  }

  /** Excel 2.x to 4.0: a bare BIFF2, BIFF3 or BIFF4 BOF record. */
  private static boolean isOldExcel(byte[] head) {
    return head.length >= 4 && head[0] == 0x09 && (head[1] == 0 || head[1] == 2 || head[1] == 4)
        && head[3] == 0 && head[2] >= 4 && head[2] <= 20;
  }

  /**
   * HTML or XML: after an optional UTF-8 or UTF-16 byte order mark, white space and comments, a
   * {@code <} that starts a tag, a declaration or a processing instruction; or a comment that
   * goes on past the head.
   */
  private static boolean isMarkup(byte[] head) {
    String text = skipComments(headText(head));
    if (text.startsWith("<!--")) {
      return true;
    }
    if (text.length() < 2 || text.charAt(0) != '<') {
      return false;
    }
    char next = text.charAt(1);
    return next == '?' || next == '!' || Character.isLetter(next);
  }

  /** Returns the head as text: UTF-16 after its byte order mark, else one char per byte. */
  private static String headText(byte[] head) {
    if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
      Charset utf16 = head[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE
          : StandardCharsets.UTF_16BE;
      return new String(head, 2, (head.length - 2) & ~1, utf16);
    }
    int from = startsWith(head, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    return new String(head, from, head.length - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * Returns the text after leading white space and complete {@code <!-- -->} comments; a comment
   * that does not end in the text is kept.
   */
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
