package io.taskport.excel;

import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;

/**
 * Mutates valid CSV, XLSX and XLS files from fixed seeds (truncated zip entries, flipped bytes,
 * broken XML, random quoting) and imports each one: every case must end COMPLETED, or FAILED
 * with a message for users, never a bare exception class name or a stack trace.
 */
final class ImportFuzz {
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(java|javax|org|io|com)\\.[a-z]\\w*(\\.\\w+)*|Exception\\b|\\tat ");

  private ImportFuzz() {}

  /** Runs {@code count} cases per format from {@code seed}; returns the bad outcomes. */
  static List<String> run(Path dir, long seed, int count) throws Exception {
    long[][] cases = new long[3][count];
    for (int f = 0; f < 3; f++) {
      for (int i = 0; i < count; i++) {
        cases[f][i] = seed * 31 + f * 1_000_003L + i;
      }
    }
    return run(dir, cases);
  }

  /** Runs the cases of the given seeds, per format (CSV, XLSX, XLS); returns the bad outcomes. */
  static List<String> run(Path dir, long[][] cases) throws Exception {
    List<String> bad = new ArrayList<>();
    byte[][] bases = {csv(), Workbooks.xlsx(rows()), xls()};
    String[] names = {"f.csv", "f.xlsx", "f.xls"};
    try (Imports imports = new Imports(dir)) {
      for (int f = 0; f < bases.length; f++) {
        for (long caseSeed : cases[f]) {
          byte[] file = mutate(bases[f], f == 1, new Random(caseSeed));
          if (file.length == 0) {
            continue; // refused at submit: an empty upload
          }
          Task t = imports.run(names[f], file).task();
          String problem = judge(t);
          if (problem != null) {
            bad.add(names[f] + " seed " + caseSeed + ": " + problem);
          }
        }
      }
    }
    return bad;
  }

  private static String judge(Task t) {
    if (t.status() == TaskStatus.COMPLETED) {
      return null;
    }
    if (t.status() != TaskStatus.FAILED || t.error() == null) {
      return "ended " + t.status();
    }
    String code = t.error().code();
    String message = t.error().message();
    if (!code.equals(TaskError.INVALID_FILE) && !code.equals(TaskError.LIMIT_EXCEEDED)) {
      return code + ": " + message;
    }
    if (message == null || message.isBlank() || CLASS_NAME.matcher(message).find()) {
      return "message not for users: " + message;
    }
    return null;
  }

  private static List<List<?>> rows() {
    List<List<?>> rows = new ArrayList<>();
    rows.add(Arrays.asList("Name", "E-mail", "Age", "Born", "Note"));
    for (int i = 0; i < 20; i++) {
      rows.add(Arrays.asList("n" + i, "n" + i + "@x.io", i, 45000 + i, "note, \"" + i + "\""));
    }
    return rows;
  }

  private static byte[] csv() {
    StringBuilder b = new StringBuilder("Name,E-mail,Age,Born,Note\r\n");
    for (int i = 0; i < 20; i++) {
      b.append("n").append(i).append(",n").append(i).append("@x.io,").append(i)
          .append(",2024-01-").append(10 + i).append(",\"note, \"\"").append(i)
          .append("\"\"\nsecond line\"\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] xls() throws Exception {
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      Workbooks.fill(wb.createSheet("People"), rows());
      return Workbooks.bytes(wb);
    }
  }

  static byte[] mutate(byte[] base, boolean zip, Random r) throws Exception {
    int kind = r.nextInt(zip ? 6 : 4);
    return switch (kind) {
      case 0 -> flip(base, r, 1 + r.nextInt(8));
      case 1 -> Arrays.copyOf(base, r.nextInt(base.length));
      case 2 -> quoting(base, r);
      case 3 -> splice(base, r);
      case 4 -> rewriteEntry(base, r, true);
      default -> rewriteEntry(base, r, false);
    };
  }

  private static byte[] flip(byte[] base, Random r, int n) {
    byte[] b = base.clone();
    for (int i = 0; i < n; i++) {
      b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
    }
    return b;
  }

  private static final byte[] NOISE = "\"\"\",\r\n\n\r;\t'=\u0000<>&".getBytes(StandardCharsets.UTF_8);

  private static byte[] quoting(byte[] base, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte x : base) {
      if (r.nextInt(40) == 0) {
        out.write(NOISE[r.nextInt(NOISE.length)]);
      }
      if (r.nextInt(60) != 0) {
        out.write(x);
      }
    }
    return out.toByteArray();
  }

  private static byte[] splice(byte[] base, Random r) {
    int at = r.nextInt(base.length);
    int len = Math.min(base.length - at, r.nextInt(64));
    byte[] b = new byte[base.length + len];
    System.arraycopy(base, 0, b, 0, at + len);
    System.arraycopy(base, at, b, at + len, base.length - at);
    return b;
  }

  /** Rewrites one zip entry: its XML broken, or its data cut short behind a valid header. */
  private static byte[] rewriteEntry(byte[] base, Random r, boolean breakXml) throws Exception {
    List<String> names = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(base))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
        data.add(in.readAllBytes());
      }
    }
    int victim = r.nextInt(names.size());
    byte[] d = data.get(victim);
    if (breakXml) {
      String xml = new String(d, StandardCharsets.UTF_8);
      int at = xml.isEmpty() ? 0 : r.nextInt(xml.length());
      String[] junk = {"<", "</x>", "&", "&#0;", "<!DOCTYPE x>", "\"", "<c r=\"ZZZZ9\">", ""};
      xml = xml.substring(0, at) + junk[r.nextInt(junk.length)]
          + xml.substring(Math.min(xml.length(), at + r.nextInt(20)));
      d = xml.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < names.size(); i++) {
        z.putNextEntry(new ZipEntry(names.get(i)));
        z.write(i == victim ? d : data.get(i));
        z.closeEntry();
      }
    }
    byte[] zipped = out.toByteArray();
    return breakXml ? zipped : Arrays.copyOf(zipped, zipped.length - 1 - r.nextInt(zipped.length / 2));
  }

  /** Runs the fuzz in this JVM: {@code dir seed count}; prints each bad case and a summary. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    int count = Integer.parseInt(args[2]);
    List<String> bad = run(dir, Long.parseLong(args[1]), count);
    bad.forEach(System.out::println);
    System.out.println((3 * count) + " cases, " + bad.size() + " bad");
    System.exit(bad.isEmpty() ? 0 : 1);
  }
}
