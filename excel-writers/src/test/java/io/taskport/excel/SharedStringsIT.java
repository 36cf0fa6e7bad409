package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELIABILITY 18(g): 2,000,000 unique shared strings read in a 64 MB heap. */
class SharedStringsIT {
  static final int ROWS = 1_000_000;

  @Test
  void read_twoMillionUniqueStringsInA64MbHeap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.xlsx");
    Packages p = Packages.workbook("");
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(
        Files.newOutputStream(file), 1 << 16))) {
      Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
      for (var e : p.parts.entrySet()) {
        if (e.getKey().equals("xl/sharedStrings.xml") || e.getKey().contains("sheet1")) {
          continue;
        }
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
      w.write("<sst xmlns=\"" + Packages.MAIN + "\">");
      for (long i = 0; i < 2L * ROWS; i++) {
        w.write("<si><t>unique &amp; string " + i + " " + Long.toHexString(i * 0x9E3779B97F4A7C15L)
            + "</t></si>");
      }
      w.write("</sst>");
      w.flush();
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      w.write("<worksheet xmlns=\"" + Packages.MAIN + "\"><sheetData>");
      for (long r = 1; r <= ROWS; r++) {
        w.write("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"s\"><v>" + (2 * r - 2)
            + "</v></c><c r=\"B" + r + "\" t=\"s\"><v>" + (2 * r - 1) + "</v></c></row>");
      }
      w.write("</sheetData></worksheet>");
      w.flush();
      zip.closeEntry();
    }

    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), SharedStringsProbe.class.getName(),
        file.toString()))
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as(out).isZero();
    long last = 2L * ROWS - 1;
    assertThat(out).contains("rows=" + ROWS).contains("last=unique & string " + last + " "
        + Long.toHexString(last * 0x9E3779B97F4A7C15L));
    long heap = Long.parseLong(out.replaceAll("(?s).*heap=(\\d+).*", "$1"));
    assertThat(heap).isLessThan(64L << 20);
  }
}
