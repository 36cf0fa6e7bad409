package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.FormatException;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/** RELIABILITY scenarios 16, 17 and 19 for XLSX uploads. */
class XlsxSecurityTest {
  private final XlsxFormat xlsx = new XlsxFormat();

  private static final String ROW = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";

  private void assertRejected(byte[] bytes, String message) {
    double ratio = ZipSecureFile.getMinInflateRatio();
    long entry = ZipSecureFile.getMaxEntrySize();
    long start = System.nanoTime();
    assertThatThrownBy(() -> Io.read(xlsx, bytes))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertNoLeak(e));
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(ratio);
    assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(entry);
  }

  private static void assertNoLeak(Throwable e) throws Exception {
    Path hostname = Path.of("/etc/hostname");
    String secret = Files.isReadable(hostname) ? Files.readString(hostname).trim() : "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (!secret.isEmpty() && t.getMessage() != null) {
        assertThat(t.getMessage()).doesNotContain(secret);
      }
    }
  }

  @Test
  void read_rejectsAWhitespaceZipBomb() throws Exception {
    ByteArrayOutputStream sheet = new ByteArrayOutputStream();
    byte[] head = Packages.sheetXml(ROW).getBytes(StandardCharsets.UTF_8);
    int cut = new String(head, StandardCharsets.UTF_8).indexOf("<sheetData>");
    sheet.write(head, 0, cut);
    byte[] spaces = new byte[1 << 20];
    Arrays.fill(spaces, (byte) ' ');
    for (int i = 0; i < 40; i++) {
      sheet.write(spaces); // 40 MB of whitespace, ratio about 0.001
    }
    sheet.write(head, cut, head.length - cut);
    byte[] bytes = Packages.workbook(ROW).sharedStrings("<si><t>x</t></si>")
        .put("xl/worksheets/sheet1.xml", sheet.toByteArray()).zip();
    assertRejected(bytes, "zip bomb");
  }

  @Test
  void read_rejectsTooManyZipEntries() {
    Packages p = Packages.workbook(ROW);
    for (int i = 0; i < 1001; i++) {
      p.put("xl/media/f" + i + ".txt", "x");
    }
    assertRejected(p.zip(), "more than 1000 zip entries");
  }

  @Test
  void read_appliesTighterLimitsChosenByTheCaller() {
    byte[] bytes = Packages.workbook(ROW).sharedStrings("<si><t>x</t></si>").zip();
    assertThatThrownBy(() -> Io.read(xlsx.maxEntries(3), bytes))
        .hasMessageContaining("more than 3 zip entries");
    assertThatThrownBy(() -> Io.read(xlsx.maxEntrySize(100), bytes))
        .hasMessageContaining("more than the limit of 100");
  }

  @Test
  void read_rejectsAHugeDeclaredEntrySize() {
    byte[] bytes = Packages.workbook(ROW).sharedStrings("<si><t>x</t></si>").zip();
    // patch the uncompressed size of sheet1.xml in the central directory to 0xF0000000
    byte[] name = "xl/worksheets/sheet1.xml".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length - 46; i++) {
      if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2
          && Arrays.equals(bytes, i + 46, i + 46 + name.length, name, 0, name.length)) {
        bytes[i + 24] = 0;
        bytes[i + 25] = 0;
        bytes[i + 26] = 0;
        bytes[i + 27] = (byte) 0xF0;
      }
    }
    assertRejected(bytes, "declares 4026531840 bytes");
  }

  @Test
  void read_rejectsATruncatedFileOrCentralDirectory() {
    byte[] bytes = Packages.workbook(ROW).sharedStrings("<si><t>x</t></si>").zip();
    assertRejected(Arrays.copyOf(bytes, bytes.length - 10), "damaged or truncated");
    assertRejected(Arrays.copyOf(bytes, bytes.length / 2), "damaged or truncated");
  }

  @Test
  void read_rejectsXxeInSheetAndSharedStrings() {
    String doctype = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>";
    String sheet = "<?xml version=\"1.0\"?>" + doctype + "<worksheet xmlns=\"" + Packages.MAIN
        + "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
        + "</sheetData></worksheet>";
    assertRejected(Packages.workbook("").put("xl/worksheets/sheet1.xml", sheet).zip(), "DOCTYPE");
    String sst = "<?xml version=\"1.0\"?>" + doctype + "<sst xmlns=\"" + Packages.MAIN
        + "\"><si><t>&xxe;</t></si></sst>";
    assertRejected(Packages.workbook(ROW).put("xl/sharedStrings.xml", sst).zip(), "DOCTYPE");
  }

  @Test
  void read_neverConnectsToAnExternalEntityUrl() throws Exception {
    try (ServerSocketChannel canary = ServerSocketChannel.open()) {
      canary.bind(new InetSocketAddress("127.0.0.1", 0));
      canary.configureBlocking(false);
      int port = ((InetSocketAddress) canary.getLocalAddress()).getPort();
      String url = "http://127.0.0.1:" + port + "/";
      String sst = "<?xml version=\"1.0\"?><!DOCTYPE sst SYSTEM \"" + url + "dtd\">"
          + "<sst xmlns=\"" + Packages.MAIN + "\"><si><t>x</t></si></sst>";
      String sheet = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM \"" + url + "\">]>"
          + Packages.sheetXml("<row r=\"1\"><c t=\"inlineStr\"><is><t>&e;</t></is></c></row>")
              .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
      assertRejected(Packages.workbook(ROW).put("xl/sharedStrings.xml", sst).zip(), "DOCTYPE");
      assertRejected(Packages.workbook("").put("xl/worksheets/sheet1.xml", sheet).zip(),
          "DOCTYPE");
      assertThat(canary.accept()).as("connections to the canary").isNull();
    }
  }

  @Test
  void read_rejectsBillionLaughs() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE x [<!ENTITY l0 \"ha\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"")
          .append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    String sheet = "<?xml version=\"1.0\"?>" + dtd + "<worksheet xmlns=\"" + Packages.MAIN
        + "\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&l9;</t></is></c></row>"
        + "</sheetData></worksheet>";
    assertRejected(Packages.workbook("").put("xl/worksheets/sheet1.xml", sheet).zip(), "DOCTYPE");
  }

  @Test
  void read_rejectsFilesThatAreNotXlsx() throws Exception {
    assertRejected("a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), "not an XLSX file");
    assertRejected(new byte[0], "not an XLSX file");
    assertRejected(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}, "not an XLSX file");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("readme.txt"));
      z.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    assertRejected(zip.toByteArray(), "not an XLSX file");
    Packages noWorkbook = Packages.workbook(ROW);
    noWorkbook.parts.remove("_rels/.rels");
    assertRejected(noWorkbook.zip(), "not a");
  }

  @Test
  void read_rejectsAnEncryptedWorkbookAndAnXlsFile() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      fs.createDocument(new java.io.ByteArrayInputStream(new byte[64]), "EncryptionInfo");
      fs.createDocument(new java.io.ByteArrayInputStream(new byte[64]), "EncryptedPackage");
      fs.writeFilesystem(out);
    }
    assertRejected(out.toByteArray(), "protected with a password");
    assertRejected(XlsFormatTest.sampleXls(), "Excel 97-2003");
  }

  @Test
  void read_rejectsStrictOpenXmlClearly() {
    Packages p = Packages.workbook(ROW);
    p.put("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"" + Packages.RELS + "\">"
        + "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/"
        + "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    assertRejected(p.zip(), "Strict Open XML");
  }

  @Test
  void matches_tellsZipFromOle2AndText() {
    assertThat(xlsx.matches(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0})).isTrue();
    assertThat(xlsx.matches("a,b".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(xlsx.matches(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
        (byte) 0xB1, 0x1A, (byte) 0xE1})).isFalse();
  }
}
