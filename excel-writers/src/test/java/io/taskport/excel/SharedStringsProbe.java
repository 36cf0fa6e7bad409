package io.taskport.excel;

import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run in a child JVM by {@link SharedStringsIT}: reads a workbook, prints rows and heap. */
public final class SharedStringsProbe {
  private SharedStringsProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = 0;
    long heap = 0;
    String last = "";
    try (InputStream in = Files.newInputStream(Path.of(args[0]));
        RowReader r = new XlsxFormat().openReader(in, FormatOptions.defaults())) {
      Row row;
      while ((row = r.next()) != null) {
        if (++rows == 500_000) {
          System.gc();
          heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        last = row.cells().get(1);
      }
    }
    System.out.println("rows=" + rows + " heap=" + heap + " last=" + last);
  }
}
