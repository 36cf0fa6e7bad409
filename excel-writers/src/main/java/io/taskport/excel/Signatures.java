package io.taskport.excel;

/** Tells file kinds apart by their first bytes. */
final class Signatures {
  private Signatures() {}

  enum Kind {
    ZIP,
    OLE2,
    BINARY,
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
        || startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return Kind.BINARY;
    }
    return Kind.TEXT;
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
