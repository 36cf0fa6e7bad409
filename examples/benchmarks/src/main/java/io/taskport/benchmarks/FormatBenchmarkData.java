package io.taskport.benchmarks;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The benchmark's rows: ten mixed columns computed from the row index, never held in memory. */
final class FormatBenchmarkData {
  private FormatBenchmarkData() {}

  static final String[] CITIES = {"Berlin", "上海", "São Paulo", "Zürich", "Lagos", "Москва"};
  private static final LocalDate DAY = LocalDate.of(2024, 1, 1);
  private static final LocalDateTime TIME = LocalDateTime.of(2024, 1, 1, 8, 0);

  static final List<Column<Object[]>> COLUMNS = List.of(
      Column.of("id", ColumnType.INTEGER, r -> r[0]),
      Column.of("name", ColumnType.TEXT, r -> r[1]),
      Column.of("amount", ColumnType.DECIMAL, r -> r[2]),
      Column.of("quantity", ColumnType.INTEGER, r -> r[3]),
      Column.of("day", ColumnType.DATE, r -> r[4]),
      Column.of("updated", ColumnType.DATETIME, r -> r[5]),
      Column.of("active", ColumnType.BOOLEAN, r -> r[6]),
      Column.of("city", ColumnType.TEXT, r -> r[7]),
      Column.of("code", ColumnType.TEXT, r -> r[8]),
      Column.of("note", ColumnType.TEXT, r -> r[9]));

  static Object[] row(long i) {
    return new Object[] {
      1_000_000_000L + i,
      "Customer " + i,
      BigDecimal.valueOf(i * 37 % 1_000_000, 2),
      (int) (i % 500),
      DAY.plusDays(i % 3650),
      TIME.plusSeconds(i * 17),
      (i & 1) == 0,
      CITIES[(int) (i % CITIES.length)],
      Long.toHexString(i * 0x9E3779B97F4A7C15L),
      i % 10 == 0 ? "said \"hi\", then left" : "note " + (i % 1000)
    };
  }

  static List<Object> values(long i) {
    return Arrays.asList(row(i));
  }

  /**
   * Writes an Excel-style workbook whose shared-strings table holds {@code 2 * rows} unique
   * strings, each used once by a sheet of {@code rows} rows of two cells.
   */
  static Path sharedStringsWorkbook(Path dir, long rows) throws IOException {
    Path file = dir.resolve("shared-strings.xlsx");
    String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(
        Files.newOutputStream(file), 1 << 16))) {
      Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
      entry(zip, w, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns="
          + "\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension="
          + "\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/"
          + "workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
          + "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" "
          + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet"
          + "+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd."
          + "openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
      entry(zip, w, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/"
          + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rel
          + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
      entry(zip, w, "xl/workbook.xml", "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel
          + "\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
      entry(zip, w, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas."
          + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\""
          + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
          + "Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
      zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
      w.write("<sst xmlns=\"" + main + "\" uniqueCount=\"" + 2 * rows + "\">");
      for (long i = 0; i < 2 * rows; i++) {
        w.write("<si><t>unique string " + i + " " + Long.toHexString(i * 0x9E3779B97F4A7C15L)
            + "</t></si>");
      }
      w.write("</sst>");
      w.flush();
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      w.write("<worksheet xmlns=\"" + main + "\"><sheetData>");
      for (long r = 1; r <= rows; r++) {
        w.write("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"s\"><v>" + (2 * r - 2)
            + "</v></c><c r=\"B" + r + "\" t=\"s\"><v>" + (2 * r - 1) + "</v></c></row>");
      }
      w.write("</sheetData></worksheet>");
      w.flush();
      zip.closeEntry();
    }
    return file;
  }

  private static void entry(ZipOutputStream zip, Writer w, String name, String xml)
      throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    w.write(xml);
    w.flush();
    zip.closeEntry();
  }
}
