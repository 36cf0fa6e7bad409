package io.taskport.excel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The small package parts of a written workbook: content types, relationships, workbook, styles. */
final class XlsxParts {
  private XlsxParts() {}

  static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String PKG_REL =
      "http://schemas.openxmlformats.org/package/2006/relationships";
  private static final String CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

  private static final byte[] T_OPEN = "<t>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] T_PRESERVE =
      "<t xml:space=\"preserve\">".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] T_CLOSE = "</t>".getBytes(StandardCharsets.US_ASCII);

  /** Writes a {@code <t>} element, keeping leading and trailing white space. */
  static void t(XmlOut x, String s) throws IOException {
    boolean preserve = !s.isEmpty()
        && (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ');
    x.raw(preserve ? T_PRESERVE : T_OPEN).text(s).raw(T_CLOSE);
  }

  static String contentTypes(int sheets, boolean sharedStrings) {
    StringBuilder s = new StringBuilder(XML_HEAD)
        .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        .append("<Default Extension=\"rels\" ContentType=\"application/")
        .append("vnd.openxmlformats-package.relationships+xml\"/>")
        .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        .append(override("/xl/workbook.xml", "sheet.main+xml"));
    for (int i = 1; i <= sheets; i++) {
      s.append(override("/xl/worksheets/sheet" + i + ".xml", "worksheet+xml"));
    }
    s.append(override("/xl/styles.xml", "styles+xml"));
    if (sharedStrings) {
      s.append(override("/xl/sharedStrings.xml", "sharedStrings+xml"));
    }
    return s.append("</Types>").toString();
  }

  private static String override(String part, String type) {
    return "<Override PartName=\"" + part + "\" ContentType=\"" + CT + type + "\"/>";
  }

  static String rootRels() {
    return XML_HEAD + "<Relationships xmlns=\"" + PKG_REL + "\"><Relationship Id=\"rId1\" Type=\""
        + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  }

  /** Sheets are {@code rId1..rIdN}, then styles and shared strings. */
  static String workbookRels(int sheets, boolean sharedStrings) {
    StringBuilder s = new StringBuilder(XML_HEAD)
        .append("<Relationships xmlns=\"").append(PKG_REL).append("\">");
    for (int i = 1; i <= sheets; i++) {
      s.append(rel(i, "worksheet", "worksheets/sheet" + i + ".xml"));
    }
    s.append(rel(sheets + 1, "styles", "styles.xml"));
    if (sharedStrings) {
      s.append(rel(sheets + 2, "sharedStrings", "sharedStrings.xml"));
    }
    return s.append("</Relationships>").toString();
  }

  private static String rel(int id, String type, String target) {
    return "<Relationship Id=\"rId" + id + "\" Type=\"" + REL + "/" + type + "\" Target=\""
        + target + "\"/>";
  }

  /** The workbook part; a sheet without a name is {@code SheetN}, kept apart from the named. */
  static String workbook(List<String> names) {
    StringBuilder s = new StringBuilder(XML_HEAD)
        .append("<workbook xmlns=\"").append(MAIN).append("\" xmlns:r=\"").append(REL)
        .append("\"><bookViews><workbookView/></bookViews><sheets>");
    Set<String> taken = new HashSet<>();
    for (String n : names) {
      if (n != null) {
        taken.add(n.toLowerCase(Locale.ROOT));
      }
    }
    for (int i = 1; i <= names.size(); i++) {
      String name = names.get(i - 1);
      if (name == null) {
        name = "Sheet" + i;
        while (!taken.add(name.toLowerCase(Locale.ROOT))) {
          name = name + "_";
        }
      }
      s.append("<sheet name=\"").append(XmlOut.attr(name)).append("\" sheetId=\"").append(i)
          .append("\" r:id=\"rId").append(i).append("\"/>");
    }
    return s.append("</sheets></workbook>").toString();
  }

  /**
   * Returns the styles part: style 0 is the default, 1 the bold header, and style {@code 2 + k}
   * applies number format {@code 164 + k}, the k-th of {@code formats}.
   */
  static String styles(List<String> formats) {
    StringBuilder s = new StringBuilder(XML_HEAD)
        .append("<styleSheet xmlns=\"").append(MAIN).append("\">");
    if (!formats.isEmpty()) {
      s.append("<numFmts count=\"").append(formats.size()).append("\">");
      for (int k = 0; k < formats.size(); k++) {
        s.append("<numFmt numFmtId=\"").append(164 + k).append("\" formatCode=\"")
            .append(XmlOut.attr(formats.get(k))).append("\"/>");
      }
      s.append("</numFmts>");
    }
    s.append("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>")
        .append("<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>")
        .append("<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>")
        .append("<fill><patternFill patternType=\"gray125\"/></fill></fills>")
        .append("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/>")
        .append("</border></borders>")
        .append("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\"")
        .append(" borderId=\"0\"/></cellStyleXfs>")
        .append("<cellXfs count=\"").append(2 + formats.size()).append("\">")
        .append("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>")
        .append("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\"")
        .append(" applyFont=\"1\"/>");
    for (int k = 0; k < formats.size(); k++) {
      s.append("<xf numFmtId=\"").append(164 + k)
          .append("\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>");
    }
    return s.append("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\"")
        .append(" builtinId=\"0\"/></cellStyles></styleSheet>").toString();
  }

  /** Returns the start of a sheet, up to {@code <sheetData>}, with the frozen header and widths. */
  static String sheetHead(int[] widths) {
    StringBuilder s = new StringBuilder(XML_HEAD)
        .append("<worksheet xmlns=\"").append(MAIN).append("\" xmlns:r=\"").append(REL)
        .append("\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\"")
        .append(" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
        .append("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>")
        .append("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if (widths.length > 0) {
      s.append("<cols>");
      for (int i = 0; i < widths.length; i++) {
        s.append("<col min=\"").append(i + 1).append("\" max=\"").append(i + 1)
            .append("\" width=\"").append(widths[i]).append("\" customWidth=\"1\"/>");
      }
      s.append("</cols>");
    }
    return s.append("<sheetData>").toString();
  }

  static final String SHEET_TAIL = "</sheetData></worksheet>";
}
