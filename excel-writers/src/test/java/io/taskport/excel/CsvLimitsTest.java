package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.format.FormatOptions;
import io.taskport.format.Limits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvLimitsTest {
  private final CsvFormat csv = new CsvFormat();

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** An endless stream of one byte, counting what was read. */
  static final class Endless extends InputStream {
    long read;
    private final byte fill;

    Endless(char fill) {
      this.fill = (byte) fill;
    }

    @Override
    public int read() {
      read++;
      return fill;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, fill);
      read += len;
      return len;
    }
  }

  @Test
  void read_stopsAnUnterminatedQuoteAtTheCellLimit() throws Exception {
    Endless rest = new Endless('x');
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(utf8("a,b\n1,\"x")), rest);
    var options = FormatOptions.defaults().limits(Limits.defaults().maxCellChars(1000));
    try (var r = csv.openReader(in, options)) {
      r.next();
      assertThatThrownBy(r::next)
          .isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo("maxCellChars");
            assertThat(e.row()).isEqualTo(2);
            assertThat(e.column()).isEqualTo("B");
          });
    }
    assertThat(rest.read).isLessThan(3 * CharSource.CHUNK);
  }

  @Test
  void read_rejectsAnUnterminatedQuoteAtTheEnd() {
    assertThatThrownBy(() -> Io.read(csv, utf8("a,b\n1,\"open\n2,3\n")))
        .isInstanceOf(FormatException.class).hasMessageContaining("unterminated")
        .hasMessageContaining("row 2");
  }

  @Test
  void read_stopsARowOfAMillionCommasAtTheColumnLimit() throws Exception {
    byte[] bytes = utf8("a,b\n" + ",".repeat(1_000_000) + "\n");
    assertThatThrownBy(() -> Io.read(csv, bytes))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("maxColumns");
          assertThat(e.max()).isEqualTo(Limits.DEFAULT_MAX_COLUMNS);
          assertThat(e.row()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(Cells.letters(Limits.DEFAULT_MAX_COLUMNS));
        });
  }

  @Test
  void read_rejectsA40000CharCell() {
    byte[] bytes = utf8("a\n" + "y".repeat(40_000) + "\n");
    assertThatThrownBy(() -> Io.read(csv, bytes))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("maxCellChars");
          assertThat(e.row()).isEqualTo(2);
        })
        .hasMessage("row 2, column A: 40,000 characters; at most 32,767 are allowed");
  }

  @Test
  void read_acceptsACellOfExactlyTheLimit() throws Exception {
    byte[] bytes = utf8("a\n\"" + "y".repeat(Limits.DEFAULT_MAX_CELL_CHARS) + "\"\n");
    assertThat(Io.read(csv, bytes).get(1).cells().get(0)).hasSize(Limits.DEFAULT_MAX_CELL_CHARS);
  }

  @Test
  void read_stopsAfterMaxRowsDataRows() throws Exception {
    var options = FormatOptions.defaults().limits(Limits.defaults().maxRows(3));
    assertThat(Io.read(csv, utf8("h\n1\n2\n3\n"), options)).hasSize(4);
    assertThatThrownBy(() -> Io.read(csv, utf8("h\n1\n2\n3\n4\n"), options))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("maxRows");
          assertThat(e.row()).isEqualTo(5);
        });
  }
}
