package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskError;
import io.taskport.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files whose content is not what their name says, or not a valid workbook: named precisely. */
class ImportFilesTest {
  @TempDir Path dir;
  private Imports imports;

  @BeforeEach
  void open() {
    imports = new Imports(dir);
  }

  @AfterEach
  void close() {
    imports.close();
  }

  private String failure(String name, byte[] file) throws Exception {
    Imports.Outcome o = imports.run(name, file);
    assertThat(o.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(o.task().error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(o.error()).doesNotContain("Exception").doesNotContain("\tat ");
    return o.error();
  }

  private static byte[] people() throws Exception {
    return Workbooks.xlsx(List.of(Arrays.asList("Name", "E-mail"), Arrays.asList("a", "a@x")));
  }

  @Test
  void aPasswordProtectedWorkbookIsNamed() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      Encryptor enc = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      enc.confirmPassword("secret");
      try (OutputStream os = enc.getDataStream(fs)) {
        os.write(people());
      }
      fs.writeFilesystem(out);
    }
    assertThat(failure("p.xlsx", out.toByteArray()))
        .startsWith("the workbook is protected with a password; remove the password");
  }

  @Test
  void anXlsFileNamedXlsxIsNamedWithWhatToDo() throws Exception {
    assertThat(failure("p.xlsx", XlsFormatTest.sampleXls()))
        .isEqualTo("the file is named like XLSX but it is XLS; rename it to .xls, or save it as"
            + " .xlsx, and upload it again");
  }

  @Test
  void oldExcelVersionsAreNamedWithTheirVersion() throws Exception {
    byte[] biff4 = {0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0};
    assertThat(failure("p.xls", biff4))
        .isEqualTo("the file is named like XLS but its content is an Excel 4.0 worksheet (BIFF4)"
            + " file, a format too old to read; open it in Excel or LibreOffice, save it as Excel"
            + " Workbook (.xlsx) or CSV, and upload it again");
    assertThat(failure("p.csv", biff4)).contains("Excel 4.0 worksheet (BIFF4)");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      byte[] bof = {0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, 0, 0, 0, 0};
      fs.createDocument(new ByteArrayInputStream(bof), "Book");
      fs.writeFilesystem(out);
    }
    assertThat(failure("p.xls", out.toByteArray()))
        .startsWith("the workbook is in the Excel 5.0/95 format (BIFF5), too old to read");
  }

  @Test
  void utf16AndCommentedMarkupSavedWithASpreadsheetNameIsNamed() throws Exception {
    String export;
    try (var in = getClass().getResourceAsStream("libreoffice-export.html")) {
      export = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String webPage = "the file is named like XLS but its content is a web page (HTML) saved with a"
        + " spreadsheet name; open it in Excel or LibreOffice, save it as Excel Workbook (.xlsx)"
        + " or CSV, and upload it again";
    byte[] utf16 = ("\uFEFF" + export).getBytes(StandardCharsets.UTF_16LE);
    assertThat(failure("export.xls", utf16)).isEqualTo(webPage);
    assertThat(failure("export.csv", utf16)).contains("a web page (HTML)");
    byte[] xml = ("\uFEFF<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:"
        + "spreadsheet\"></Workbook>").getBytes(StandardCharsets.UTF_16BE);
    assertThat(failure("export.xlsx", xml)).contains("an Excel 2003 XML spreadsheet");
    byte[] fragment = ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
        + "<table><tr><td>Name</td></tr></table>").getBytes(StandardCharsets.UTF_8);
    assertThat(failure("export.xls", fragment)).isEqualTo(webPage);
    byte[] longComment = ("\uFEFF<!-- " + "*".repeat(600) + " -->\n" + export)
        .getBytes(StandardCharsets.UTF_8);
    assertThat(failure("export.xls", longComment))
        .contains("its content is a web page (HTML) or an XML file saved with a spreadsheet name");
    byte[] unicodeText = "\uFEFFName\tE-mail\r\n".getBytes(StandardCharsets.UTF_16LE);
    assertThat(failure("export.xlsx", unicodeText)).contains("its content is text (such as CSV)");
  }

  @Test
  void htmlAndXmlSavedWithASpreadsheetNameAreNamed() throws Exception {
    byte[] html = "\uFEFF<!DOCTYPE html><html><body><table><tr><td>Name</td></tr></table>"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(failure("export.xls", html))
        .isEqualTo("the file is named like XLS but its content is a web page (HTML) saved with a"
            + " spreadsheet name; open it in Excel or LibreOffice, save it as Excel Workbook"
            + " (.xlsx) or CSV, and upload it again");
    assertThat(failure("export.csv", html)).contains("a web page (HTML)");
    byte[] xml = ("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:"
        + "spreadsheet\"></Workbook>").getBytes(StandardCharsets.UTF_8);
    assertThat(failure("export.xlsx", xml)).contains("an Excel 2003 XML spreadsheet");
  }

  private static byte[] ods() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      byte[] mime = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
      ZipEntry m = new ZipEntry("mimetype");
      m.setMethod(ZipEntry.STORED);
      m.setSize(mime.length);
      CRC32 crc = new CRC32();
      crc.update(mime);
      m.setCrc(crc.getValue());
      z.putNextEntry(m);
      z.write(mime);
      z.putNextEntry(new ZipEntry("content.xml"));
      z.write("<office:document-content/>".getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  @Test
  void anOdsFileIsNamed() throws Exception {
    assertThat(failure("p.xlsx", ods()))
        .isEqualTo("the file is an OpenDocument spreadsheet (.ods), not XLSX; open it in"
            + " LibreOffice or Excel, save it as Excel Workbook (.xlsx), and upload it again");
    assertThat(failure("p.csv", ods())).contains("an OpenDocument spreadsheet (.ods)");
  }

  @Test
  void aDtdInAPartPoiWouldParseIsNamed() throws Exception {
    Packages p = Packages.workbook("<row r=\"1\"><c t=\"inlineStr\"><is><t>Name</t></is></c></row>");
    String types = new String(p.parts.get("[Content_Types].xml"), StandardCharsets.UTF_8);
    p.put("[Content_Types].xml",
        types.replace("?>", "?><!DOCTYPE Types [<!ENTITY x \"y\">]>"));
    assertThat(failure("p.xlsx", p.zip()))
        .startsWith("the workbook's part [Content_Types].xml declares a DTD (<!DOCTYPE>)");
  }

  @Test
  void aSheetWithMoreRowsThanXlsxAllowsIsRefused() throws Exception {
    String header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c>"
        + "<c r=\"B1\" t=\"inlineStr\"><is><t>E-mail</t></is></c></row>";
    String beyond = "<row r=\"1048577\"><c r=\"A1048577\" t=\"inlineStr\"><is><t>x</t></is></c>"
        + "<c r=\"B1048577\" t=\"inlineStr\"><is><t>x@x</t></is></c></row>";
    assertThat(failure("p.xlsx", Packages.workbook(header + beyond).zip()))
        .startsWith("the sheet holds 1,048,577 rows, more than the 1,048,576 an XLSX sheet can"
            + " hold");
    Packages declared = Packages.workbook(header);
    declared.put("xl/worksheets/sheet1.xml", Packages.sheetXml(header)
        .replace("<sheetData>", "<dimension ref=\"A1:B1100000\"/><sheetData>"));
    assertThat(failure("p.xlsx", declared.zip())).startsWith("the sheet declares 1,100,000 rows");
  }

  @Test
  void anXlsSheetDeclaringMoreRowsThanXlsAllowsIsRefused() throws Exception {
    byte[] xls = XlsFormatTest.sampleXls();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(xls))) {
      byte[] book;
      try (var in = fs.createDocumentInputStream("Workbook")) {
        book = in.readAllBytes();
      }
      int at = -1; // the first sheet's DIMENSIONS record: id 0x0200, 14 bytes
      for (int i = 0; i + 4 < book.length && at < 0; i++) {
        if (book[i] == 0x00 && book[i + 1] == 0x02 && book[i + 2] == 0x0E && book[i + 3] == 0) {
          at = i + 4;
        }
      }
      assertThat(at).isPositive();
      int rows = 70_000; // lastRow, one past the last row, as a 32-bit little-endian number
      book[at + 4] = (byte) rows;
      book[at + 5] = (byte) (rows >> 8);
      book[at + 6] = (byte) (rows >> 16);
      fs.getRoot().getEntry("Workbook").delete();
      fs.createDocument(new ByteArrayInputStream(book), "Workbook");
      fs.writeFilesystem(out);
    }
    assertThat(failure("p.xls", out.toByteArray()))
        .startsWith("the sheet declares 70,000 rows, more than the 65,536 an XLS sheet can hold");
  }
}
