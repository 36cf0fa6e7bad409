package io.taskport.excel;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;

/** The small parts read once per workbook: the sheet list, the date system and date styles. */
final class WorkbookParts {
  private static final String REL_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  record Sheet(String name, String relId, boolean visible) {}

  final List<Sheet> sheets = new ArrayList<>();
  boolean date1904;

  /** Reads {@code workbook.xml}. */
  static WorkbookParts workbook(XMLInputFactory f, InputStream in) {
    WorkbookParts w = new WorkbookParts();
    try {
      XMLStreamReader r = XmlParsers.open(f, in, "workbook.xml");
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = r.getLocalName();
        if (name.equals("workbookPr")) {
          String v = r.getAttributeValue(null, "date1904");
          w.date1904 = "1".equals(v) || "true".equals(v);
        } else if (name.equals("sheet")) {
          String id = r.getAttributeValue(REL_NS, "id");
          String state = r.getAttributeValue(null, "state");
          w.sheets.add(new Sheet(String.valueOf(r.getAttributeValue(null, "name")),
              String.valueOf(id), state == null || state.equals("visible")));
        }
      }
      r.close();
      return w;
    } catch (XMLStreamException e) {
      throw XmlParsers.malformed("workbook.xml", e);
    }
  }

  /**
   * Reads {@code styles.xml} and returns, per cell style index, whether its number format is a
   * date format (POI's {@link DateUtil#isADateFormat(int, String)}).
   */
  static boolean[] dateStyles(XMLInputFactory f, InputStream in) {
    Map<Integer, String> custom = new HashMap<>();
    List<Boolean> dates = new ArrayList<>();
    try {
      XMLStreamReader r = XmlParsers.open(f, in, "styles.xml");
      boolean inCellXfs = false;
      while (r.hasNext()) {
        int e = r.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          if (name.equals("numFmt")) {
            custom.put(id(r.getAttributeValue(null, "numFmtId")),
                String.valueOf(r.getAttributeValue(null, "formatCode")));
          } else if (name.equals("cellXfs")) {
            inCellXfs = true;
          } else if (name.equals("xf") && inCellXfs) {
            int fmt = id(r.getAttributeValue(null, "numFmtId"));
            String code = custom.getOrDefault(fmt, BuiltinFormats.getBuiltinFormat(fmt));
            dates.add(code != null && DateUtil.isADateFormat(fmt, code));
          }
        } else if (e == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
          inCellXfs = false;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw XmlParsers.malformed("styles.xml", e);
    }
    boolean[] result = new boolean[dates.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = dates.get(i);
    }
    return result;
  }

  private static int id(String v) {
    try {
      return v == null ? 0 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
