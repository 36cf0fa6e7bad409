package io.taskport.internal;

/** Names what the first bytes of a file look like, for error messages. */
final class Signatures {
  private Signatures() {}

  static String describe(byte[] head) {
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return "a ZIP archive (such as XLSX)";
    }
    if (head.length >= 8
        && (head[0] & 0xff) == 0xD0
        && (head[1] & 0xff) == 0xCF
        && (head[2] & 0xff) == 0x11
        && (head[3] & 0xff) == 0xE0) {
      return "an OLE2 document (such as XLS, or an encrypted XLSX)";
    }
    if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
      return "a program, not a spreadsheet";
    }
    if (head.length >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
      return "a PDF document";
    }
    for (byte b : head) {
      if (b == 0) {
        return "binary data";
      }
    }
    return "text (such as CSV)";
  }
}
