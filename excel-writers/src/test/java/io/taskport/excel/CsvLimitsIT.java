package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.format.FormatOptions;
import io.taskport.format.Limits;
import io.taskport.format.RowReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RELIABILITY 18 (a), (c), (d) with full-size generated inputs, streamed, never in memory. */
class CsvLimitsIT {
  private final CsvFormat csv = new CsvFormat();

  /** Generates a stream from a function of the line number. */
  static final class Lines extends InputStream {
    private final java.util.function.LongFunction<byte[]> line;
    private final long count;
    private long next;
    private byte[] current = new byte[0];
    private int pos;
    long bytes;

    Lines(long count, java.util.function.LongFunction<byte[]> line) {
      this.count = count;
      this.line = line;
    }

    @Override
    public int read() {
      byte[] b = new byte[1];
      return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      while (pos == current.length) {
        if (next == count) {
          return -1;
        }
        current = line.apply(next++);
        pos = 0;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      bytes += n;
      return n;
    }
  }

  private static long drain(RowReader r) throws Exception {
    long n = 0;
    while (r.next() != null) {
      n++;
    }
    return n;
  }

  @Test
  void read_stopsAnUnterminatedQuoteAtByte10OfA200MbFile() throws Exception {
    byte[] filler = "y".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    Lines in = new Lines(200_000, i -> i == 0 ? "a,b\n1,\"xyz".getBytes(StandardCharsets.US_ASCII)
        : filler);
    try (RowReader r = csv.openReader(in, FormatOptions.defaults())) {
      assertThatThrownBy(() -> drain(r)).isInstanceOfSatisfying(LimitExceededException.class,
          e -> assertThat(e.row()).isEqualTo(2));
    }
    assertThat(in.bytes).isLessThan(Limits.DEFAULT_MAX_CELL_CHARS + 3L * CharSource.CHUNK);
  }

  @Test
  void read_stopsTenMillionBlankLinesAtMaxRows() throws Exception {
    byte[] blank = {'\n'};
    Lines in = new Lines(10_000_001, i -> i == 0 ? "a,b\n".getBytes(StandardCharsets.US_ASCII)
        : blank);
    try (RowReader r = csv.openReader(in, FormatOptions.defaults())) {
      assertThatThrownBy(() -> drain(r)).isInstanceOfSatisfying(LimitExceededException.class,
          e -> {
            assertThat(e.limit()).isEqualTo("maxRows");
            assertThat(e.row()).isEqualTo(Limits.DEFAULT_MAX_ROWS + 2);
          });
    }
  }

  @Test
  void read_reportsInvalidUtf8AtRow500000() throws Exception {
    byte[] good = "12345,hello world,äöü\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "12345,hello \u00e4".getBytes(StandardCharsets.UTF_8);
    bad = java.util.Arrays.copyOf(bad, bad.length + 1);
    bad[bad.length - 2] = (byte) 0xFF; // not UTF-8
    bad[bad.length - 1] = '\n';
    byte[] broken = bad;
    Lines in = new Lines(600_000, i -> i == 499_999 ? broken : good);
    try (RowReader r = csv.openReader(in, FormatOptions.defaults())) {
      assertThatThrownBy(() -> drain(r)).isInstanceOfSatisfying(FormatException.class,
          e -> assertThat(e.row()).isEqualTo(500_000)).hasMessageContaining("row 500000");
    }
  }
}
