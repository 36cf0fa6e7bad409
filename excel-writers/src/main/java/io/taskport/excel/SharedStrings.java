package io.taskport.excel;

import io.taskport.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * The shared-strings table, streamed from {@code sharedStrings.xml}. Small tables stay in the
 * heap; past {@link #HEAP_CHARS} characters the table moves to a memory-mapped temp file
 * (UTF-8 text plus an index of offsets), so a workbook with millions of unique strings reads in
 * a small heap. A string longer than the cell limit is kept only as a marker, reported when a
 * cell uses it.
 */
final class SharedStrings implements AutoCloseable {
  static final long HEAP_CHARS = 1 << 20;
  /** Starts the marker kept for a string over the cell limit, followed by its length. */
  private static final char TOO_LONG = '\u0000'; // XML text cannot hold NUL
  private final List<String> heap = new ArrayList<>();
  private @Nullable SpillFile data;
  private @Nullable SpillFile index;
  private long heapChars;
  private int count;

  static SharedStrings parse(XMLInputFactory f, InputStream in, int maxCellChars)
      throws IOException {
    SharedStrings s = new SharedStrings();
    try {
      XMLStreamReader r = XmlParsers.open(f, in, "sharedStrings.xml");
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("si")) {
          String text = RichText.read(r, "si");
          s.add(text.length() > maxCellChars ? TOO_LONG + Integer.toString(text.length()) : text);
        }
      }
      r.close();
      s.finish();
      return s;
    } catch (XMLStreamException e) {
      s.close();
      throw XmlParsers.malformed("sharedStrings.xml", e);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void add(String text) throws IOException {
    if (data == null) {
      heap.add(text);
      heapChars += text.length() + 16;
      if (heapChars > HEAP_CHARS) {
        spill();
      }
    } else {
      write(text);
    }
    count++;
  }

  private void spill() throws IOException {
    data = new SpillFile(".sst");
    index = new SpillFile(".sst-index");
    for (String t : heap) {
      write(t);
    }
    heap.clear();
  }

  private void write(String text) throws IOException {
    SpillFile d = java.util.Objects.requireNonNull(data);
    SpillFile x = java.util.Objects.requireNonNull(index);
    if (isTooLong(text)) {
      x.out().writeLong(-1 - Long.parseLong(text.substring(1)));
    } else {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      x.out().writeLong(d.size());
      d.out().writeInt(b.length);
      d.out().write(b);
      d.wrote(4L + b.length);
    }
    x.wrote(8);
  }

  private void finish() throws IOException {
    if (data != null && index != null) {
      data.finish();
      index.finish();
    }
  }

  int size() {
    return count;
  }

  /**
   * Returns the string at an index, or {@code null} when it is longer than the cell limit.
   *
   * @throws FormatException if there is no such string
   */
  @Nullable String get(int i, long row) {
    if (i < 0 || i >= count) {
      throw new FormatException(Texts.key("xlsx.noSuchSharedString", i, row), row, null, null);
    }
    SpillFile d = data;
    SpillFile x = index;
    if (d == null || x == null) {
      String s = heap.get(i);
      return isTooLong(s) ? null : s;
    }
    long at = x.getLong(8L * i);
    if (at < 0) {
      return null;
    }
    byte[] len = new byte[4];
    d.read(at, len, 4);
    int n = ((len[0] & 0xFF) << 24) | ((len[1] & 0xFF) << 16) | ((len[2] & 0xFF) << 8)
        | (len[3] & 0xFF);
    byte[] b = new byte[n];
    d.read(at + 4, b, n);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Returns the length of the string at an index when it is over the cell limit, else -1. */
  long tooLongLength(int i) {
    if (i < 0 || i >= count) {
      return -1;
    }
    SpillFile x = index;
    if (data == null || x == null) {
      String s = heap.get(i);
      return isTooLong(s) ? Long.parseLong(s.substring(1)) : -1;
    }
    long at = x.getLong(8L * i);
    return at < 0 ? -1 - at : -1;
  }

  private static boolean isTooLong(String s) {
    return !s.isEmpty() && s.charAt(0) == TOO_LONG;
  }

  @Override
  public void close() throws IOException {
    heap.clear();
    try (SpillFile d = data; SpillFile x = index) {
      data = null;
      index = null;
    }
  }
}
