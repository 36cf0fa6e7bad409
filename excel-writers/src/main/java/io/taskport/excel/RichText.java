package io.taskport.excel;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads the text of a string item ({@code <si>} or {@code <is>}), plain or rich. */
final class RichText {
  private RichText() {}

  /**
   * Reads from just after the start tag to its end tag: the text of every {@code <t>}, except
   * phonetic runs ({@code <rPh>}), with Excel's {@code _xHHHH_} escapes decoded.
   */
  static String read(XMLStreamReader r, String element) throws XMLStreamException {
    String single = null;
    StringBuilder many = null;
    int phonetic = 0;
    while (true) {
      int e = r.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        String name = r.getLocalName();
        if (name.equals("rPh")) {
          phonetic++;
        } else if (name.equals("t") && phonetic == 0) {
          String t = r.getElementText();
          if (single == null) {
            single = t;
          } else {
            if (many == null) {
              many = new StringBuilder(single);
            }
            many.append(t);
          }
        }
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        String name = r.getLocalName();
        if (name.equals("rPh")) {
          phonetic--;
        } else if (name.equals(element)) {
          break;
        }
      } else if (e == XMLStreamConstants.END_DOCUMENT) {
        throw new XMLStreamException("unexpected end of part");
      }
    }
    String s = many != null ? many.toString() : single != null ? single : "";
    return s.indexOf("_x") >= 0 ? decode(s) : s;
  }

  /** Decodes {@code _xHHHH_} escapes, as Excel writes control characters. */
  static String decode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      if (i + 7 <= s.length()
          && s.charAt(i) == '_'
          && s.charAt(i + 1) == 'x'
          && s.charAt(i + 6) == '_'
          && isHex(s, i + 2, i + 6)) {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 7;
      } else {
        b.append(s.charAt(i++));
      }
    }
    return b.toString();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
