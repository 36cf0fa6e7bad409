package io.taskport.excel;

import io.taskport.FormatException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Per-file zip limits, applied without touching POI's JVM-wide {@code ZipSecureFile} settings:
 * the central directory is checked before POI opens the file (entry count, declared sizes and
 * ratios), and every part stream is counted while it inflates.
 */
final class ZipGuard {
  /** Inflated bytes allowed before the ratio is judged, as POI's own grace. */
  static final long GRACE = 100 * 1024;

  private final Map<String, long[]> entries = new HashMap<>();
  private final long fileSize;
  private final double minInflateRatio;
  private final long maxEntrySize;

  ZipGuard(Path file, double minInflateRatio, long maxEntrySize, int maxEntries)
      throws IOException {
    this.minInflateRatio = minInflateRatio;
    this.maxEntrySize = maxEntrySize;
    this.fileSize = file.toFile().length();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.size() > maxEntries) {
        throw new FormatException(
            Texts.key("zip.tooManyEntries", maxEntries, zip.size()), null);
      }
      var it = zip.entries();
      while (it.hasMoreElements()) {
        ZipEntry e = it.nextElement();
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size > maxEntrySize) {
          throw new FormatException(
              Texts.key("zip.entryTooLarge", safe(e.getName()), size, maxEntrySize), null);
        }
        if (size > GRACE && compressed >= 0 && (double) compressed / size < minInflateRatio) {
          throw bomb(e.getName());
        }
        entries.put(e.getName(), new long[] {compressed, size});
      }
      ZipEntry mimetype = zip.getEntry("mimetype");
      if (mimetype != null && mimetype.getSize() < 200 && new String(
          zip.getInputStream(mimetype).readNBytes(200), StandardCharsets.US_ASCII)
          .startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
        throw new FormatException(Texts.key("xlsx.isOds"), null);
      }
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String name = e.getName();
        if ((name.endsWith(".xml") || name.endsWith(".rels")) && e.getSize() >= 0
            && hasDoctype(zip.getInputStream(e).readNBytes(PROLOG))) {
          throw XmlParsers.doctype(safe(name));
        }
      }
      if (zip.getEntry("[Content_Types].xml") == null) {
        throw new FormatException(Texts.key("xlsx.noContentTypes"), null);
      }
    } catch (IOException e) { // ZipException, or EOFException from an entry cut short
      throw new FormatException(Texts.key("xlsx.truncatedZip"), e);
    }
  }

  private static final int PROLOG = 16 * 1024;

  /** Whether the XML declares a document type before its root element. */
  static boolean hasDoctype(byte[] start) {
    String s = new String(start, StandardCharsets.ISO_8859_1);
    int doctype = s.indexOf("<!DOCTYPE");
    if (doctype < 0) {
      return false;
    }
    for (int i = s.indexOf('<'); i >= 0 && i < doctype; i = s.indexOf('<', i + 1)) {
      if (i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
        return false; // the root element comes first: the text is not a declaration
      }
    }
    return true;
  }

  static FormatException bomb(String entry) {
    return new FormatException(Texts.key("zip.bomb", safe(entry)), null);
  }

  /** Entry names are package parts; keep only harmless characters in messages. */
  static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_./\\[\\]-]", "?");
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  /** Wraps a part's stream with a counter that enforces the limits as it inflates. */
  InputStream guard(InputStream in, String partName) {
    String name = partName.startsWith("/") ? partName.substring(1) : partName;
    long[] info = entries.getOrDefault(name, new long[] {fileSize, -1});
    long compressed = info[0] < 0 ? fileSize : info[0];
    long declared = info[1];
    return new FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          count(n);
        }
        return n;
      }

      private void count(int n) {
        read += n;
        if (read > maxEntrySize || (declared >= 0 && read > declared)) {
          throw new FormatException(Texts.key("zip.entryInflatesTooFar", safe(name)), null);
        }
        if (read > GRACE && (double) compressed / read < minInflateRatio) {
          throw bomb(name);
        }
      }
    };
  }
}
