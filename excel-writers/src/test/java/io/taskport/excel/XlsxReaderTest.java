package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.LimitExceededException;
import io.taskport.format.FormatOptions;
import io.taskport.format.Limits;
import io.taskport.format.Row;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import org.apache.poi.util.XMLHelper;
import org.junit.jupiter.api.Test;

class XlsxReaderTest {
  private final XlsxFormat xlsx = new XlsxFormat();

  @Test
  void read_rendersEveryCellKindAndKeepsPositions() throws Exception {
    String sst = "<si><t>shared</t></si>"
        + "<si><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">ch </t></r>"
        + "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh><phoneticPr fontId=\"1\"/></si>"
        + "<si><t>a_x000D_b</t></si>";
    String data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
        + "<row r=\"4\">"
        + "<c r=\"A4\"><v>123456789012345</v></c>"
        + "<c r=\"B4\"><v>1.0</v></c>"
        + "<c r=\"C4\"><v>1.5E-3</v></c>"
        + "<c r=\"D4\"><v>0.30000000000000004</v></c>"
        + "<c r=\"E4\" t=\"b\"><v>1</v></c>"
        + "<c r=\"F4\" s=\"1\"><v>45352</v></c>"
        + "<c r=\"G4\" s=\"2\"><v>45352.5</v></c>"
        + "<c r=\"H4\" t=\"str\"><f>A1&amp;\"x\"</f><v>sharedx</v></c>"
        + "<c r=\"I4\"><f>1+2</f><v>3</v></c>"
        + "<c r=\"K4\" t=\"inlineStr\"><is><t>inline &amp; &lt;b&gt;</t></is></c>"
        + "<c r=\"L4\" t=\"e\"><v>#DIV/0!</v></c>"
        + "<c r=\"M4\" t=\"s\"><v>2</v></c>"
        + "<c r=\"N4\" s=\"3\"><v>1234567.891</v></c>"
        + "</row>"
        + "<row r=\"5\"/>"
        + "<row r=\"7\"><c r=\"B7\" t=\"b\"><v>0</v></c></row>";
    byte[] bytes = Packages.workbook(data).sharedStrings(sst).zip();

    List<Row> rows = Io.read(xlsx, bytes);

    assertThat(rows).extracting(Row::number).containsExactly(1L, 4L, 7L);
    assertThat(rows.get(0).cells()).containsExactly("shared", "", "rich ");
    assertThat(rows.get(1).cells()).containsExactly("123456789012345", "1", "0.0015",
        "0.30000000000000004", "TRUE", "2024-03-01", "2024-03-01T12:00:00", "sharedx", "3", "",
        "inline & <b>", "#DIV/0!", "a\rb", "1234567.891");
    assertThat(rows.get(2).cells()).containsExactly("", "FALSE");
  }

  @Test
  void read_honoursThe1904DateSystem() throws Exception {
    Packages p = Packages.workbook("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c></row>");
    p.workbookXml("<workbookPr date1904=\"1\"/>");
    assertThat(Io.read(xlsx, p.zip()).get(0).cells()).containsExactly("1904-01-01");
  }

  @Test
  void read_choosesTheSheetByNameOrIndex() throws Exception {
    byte[] bytes = Packages.workbook("<row r=\"1\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>")
        .zip();
    assertThat(Io.read(xlsx, bytes, FormatOptions.defaults().sheetName("Data"))).hasSize(1);
    assertThatThrownBy(() -> Io.read(xlsx, bytes, FormatOptions.defaults().sheetName("Nope")))
        .hasMessage("the workbook has no sheet named 'Nope'; its sheets are 'Data'");
    assertThatThrownBy(() -> Io.read(xlsx, bytes, FormatOptions.defaults().sheetIndex(1)))
        .hasMessage("the workbook has no sheet 2: it has 1 ('Data')");
  }

  @Test
  void read_handlesMoreThan100kEscapedCharacters() throws Exception {
    StringBuilder data = new StringBuilder();
    java.util.Random random = new java.util.Random(42);
    String last = null;
    for (int r = 1; r <= 1000; r++) {
      StringBuilder cell = new StringBuilder();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        int n = random.nextInt(1_000_000);
        cell.append("&amp;").append(n).append("&lt;&gt;&quot;");
        expected.append('&').append(n).append("<>\"");
      }
      data.append("<row r=\"").append(r).append("\"><c t=\"inlineStr\"><is><t>").append(cell)
          .append("</t></is></c></row>");
      last = expected.toString();
    }
    List<Row> rows = Io.read(xlsx, Packages.workbook(data.toString()).zip());
    assertThat(rows).hasSize(1000);
    assertThat(rows.get(999).cells().get(0)).isEqualTo(last); // 120,000 escapes in all
  }

  @Test
  void read_enforcesCellColumnAndRowLimits() throws Exception {
    String big = "y".repeat(40_000);
    byte[] longCell = Packages.workbook(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"
            + "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c></row>")
        .sharedStrings("<si><t>" + big + "</t></si>").zip();
    assertThatThrownBy(() -> Io.read(xlsx, longCell))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("row 2, column B: 40,000 characters; at most 32,767 are allowed");

    byte[] wide = Packages.workbook("<row r=\"3\"><c r=\"XFD3\"><v>1</v></c></row>").zip();
    assertThatThrownBy(() -> Io.read(xlsx, wide))
        .hasMessage("row 3 has 16,384 columns; at most 512 are allowed");

    byte[] tall = Packages.workbook("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>1</v>"
        + "</c></row><row r=\"3\"><c><v>1</v></c></row>").zip();
    var options = FormatOptions.defaults().limits(Limits.defaults().maxRows(1));
    assertThatThrownBy(() -> Io.read(xlsx, tall, options))
        .hasMessage("the file has more than 1 data row; at most 1 is allowed (stopped at row 3)");
  }

  @Test
  void read_estimatesRowsFromTheDimensionOnly() throws Exception {
    Packages p = Packages.workbook("");
    p.put("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + Packages.MAIN + "\">"
        + "<dimension ref=\"A1:C1000001\"/><sheetData><row r=\"1\"><c><v>1</v></c></row>"
        + "</sheetData></worksheet>");
    try (var r = xlsx.openReader(new java.io.ByteArrayInputStream(p.zip()),
        FormatOptions.defaults())) {
      assertThat(r.estimatedRows()).isEqualTo(1_000_000);
      assertThat(r.next()).isNotNull();
      assertThat(r.next()).isNull(); // the dimension lied; the rows decide
    }
  }

  @Test
  void workbooks_parseWithAaltoCreatedDirectly() throws Exception {
    try (XlsxWorkbook wb = new XlsxWorkbook(
        new java.io.ByteArrayInputStream(Packages.workbook("").zip()), FormatOptions.defaults(),
        xlsx)) {
      assertThat(wb.xml).isExactlyInstanceOf(com.fasterxml.aalto.stax.InputFactoryImpl.class);
      assertThat(wb.xml.getProperty(XMLInputFactory.SUPPORT_DTD)).isEqualTo(false);
      assertThat(wb.xml.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES))
          .isEqualTo(false);
    }
  }

  @Test
  void xmlParsers_comeFromPoisXmlHelperWithDtdsAndExternalEntitiesOff() {
    XMLInputFactory f = XmlParsers.newFactory();
    assertThat(f).isInstanceOf(XMLHelper.newXMLInputFactory().getClass());
    assertThat(f.getProperty(XMLInputFactory.SUPPORT_DTD)).isEqualTo(false);
    assertThat(f.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES)).isEqualTo(false);
    assertThat(XmlParsers.newFactory()).isNotSameAs(f);
  }

  @Test
  void cells_renderNumbersAsPlainText() {
    assertThat(Cells.plainNumber("1.0")).isEqualTo("1");
    assertThat(Cells.plainNumber("100")).isEqualTo("100");
    assertThat(Cells.plainNumber("-0.50")).isEqualTo("-0.5");
    assertThat(Cells.plainNumber("1E+20")).isEqualTo("100000000000000000000");
    assertThat(Cells.plainNumber("1.23456789012345E+14")).isEqualTo("123456789012345");
    assertThat(Cells.plain(1e-7)).isEqualTo("0.0000001");
  }
}
