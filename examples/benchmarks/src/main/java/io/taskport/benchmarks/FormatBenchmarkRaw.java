package io.taskport.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/** The same work done straight on the libraries Taskport wraps, as the baseline. */
final class FormatBenchmarkRaw {
  private FormatBenchmarkRaw() {}

  static final String[] HEADERS = FormatBenchmarkData.COLUMNS.stream()
      .map(c -> c.header()).toArray(String[]::new);

  /** commons-csv's CSVPrinter over a UTF-8 writer. */
  static void writeCsv(Path file, long rows, LongConsumer probe) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        CSVPrinter p = new CSVPrinter(new BufferedWriter(
            new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), CSVFormat.RFC4180)) {
      p.printRecord((Object[]) HEADERS);
      for (long i = 0; i < rows; i++) {
        p.printRecord(FormatBenchmarkData.row(i));
        probe.accept(i);
      }
    }
  }

  /** commons-csv's CSVParser loop, touching every value. */
  static long readCsv(Path file, LongConsumer probe) throws IOException {
    long chars = 0;
    long n = 0;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().get().parse(r)) {
      for (CSVRecord rec : parser) {
        for (int i = 0; i < rec.size(); i++) {
          chars += rec.get(i).length();
        }
        probe.accept(n++);
      }
    }
    return chars;
  }

  /** POI's SXSSFWorkbook with typed cells and a date style, as a careful user writes it. */
  static void writeXlsx(Path file, long rows, LongConsumer probe) throws IOException {
    SXSSFWorkbook wb = new SXSSFWorkbook(100);
    try (OutputStream out = Files.newOutputStream(file)) {
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle time = wb.createCellStyle();
      time.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      SXSSFSheet sheet = wb.createSheet("Sheet1");
      SXSSFRow h = sheet.createRow(0);
      for (int c = 0; c < HEADERS.length; c++) {
        h.createCell(c).setCellValue(HEADERS[c]);
      }
      for (long i = 0; i < rows; i++) {
        Object[] v = FormatBenchmarkData.row(i);
        SXSSFRow r = sheet.createRow((int) i + 1);
        for (int c = 0; c < v.length; c++) {
          Cell cell = r.createCell(c);
          Object x = v[c];
          if (x instanceof Number num) {
            cell.setCellValue(num.doubleValue());
          } else if (x instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(date);
          } else if (x instanceof LocalDateTime t) {
            cell.setCellValue(t);
            cell.setCellStyle(time);
          } else if (x instanceof Boolean b) {
            cell.setCellValue(b);
          } else {
            cell.setCellValue(x.toString());
          }
        }
        probe.accept(i);
      }
      wb.write(out);
    } finally {
      wb.close(); // deletes the temp files too
    }
  }

  /** POI's documented streaming path: XSSFReader + XSSFSheetXMLHandler + DataFormatter. */
  static long readXlsx(Path file, LongConsumer probe) throws Exception {
    long[] chars = {0};
    long[] n = {0};
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      XSSFSheetXMLHandler.SheetContentsHandler rows = new XSSFSheetXMLHandler.SheetContentsHandler() {
        List<String> cells = new ArrayList<>();

        @Override
        public void startRow(int rowNum) {
          cells = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
          for (String c : cells) {
            chars[0] += c.length();
          }
          probe.accept(n[0]++);
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
          cells.add(value);
        }
      };
      XMLReader xml = XMLHelper.newXMLReader();
      xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, rows,
          new DataFormatter(), false));
      try (InputStream sheet = reader.getSheetsData().next()) {
        xml.parse(new InputSource(sheet));
      }
      pkg.revert();
    }
    return chars[0];
  }
}
