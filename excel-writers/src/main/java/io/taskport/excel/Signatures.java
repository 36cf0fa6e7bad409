package io.taskport.excel;

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

  private static boolean isMarkup(byte[] head) {
    int i = startsWith(head, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r'
        || head[i] == '\n')) {
      i++;
    }
    if (i + 1 >= head.length || head[i] != '<') {
      return false;
    }
    byte next = head[i + 1];
    return next == '?' || next == '!' || Character.isLetter(next);
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
