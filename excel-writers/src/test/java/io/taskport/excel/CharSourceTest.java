package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.FormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CharSourceTest {
  /** Hands out at most a few bytes per read, so that sequences are split between reads. */
  private static InputStream trickle(byte[] bytes, long seed) {
    Random random = new Random(seed);
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
      }
    };
  }

  private static String readAll(InputStream in) throws IOException {
    CharSource s = new CharSource(in, StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder();
    for (int n = s.fill(1); n >= 0; n = s.fill(1)) {
      b.append(s.array(), 0, n);
    }
    return b.toString();
  }

  @Test
  void decodesMixedTextWhateverTheReadSizes() throws Exception {
    String[] pieces = {"a", "bc,", "\"q\"", "é", "上海", "😀", "\r\n", "x".repeat(300), "ß€"};
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    while (text.length() < 3 * CharSource.CHUNK) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(readAll(new ByteArrayInputStream(bytes))).isEqualTo(text.toString());
    for (long seed = 0; seed < 3; seed++) {
      assertThat(readAll(trickle(bytes, seed))).isEqualTo(text.toString());
    }
  }

  @Test
  void refusesTruncatedAndStrayBytesBeforeAsciiAndAtTheEnd() {
    byte[][] bad = {
      {'a', (byte) 0xE4, (byte) 0xB8, 'b'}, // a three-byte sequence cut short
      {'a', (byte) 0xC3, 'b', 'c'},
      {'a', (byte) 0x80, 'b'}, // a continuation byte alone
      {'a', 'b', (byte) 0xF0, (byte) 0x9F}, // cut short at the end
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'a'}, // a surrogate encoded in UTF-8
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> readAll(new ByteArrayInputStream(b)))
          .as("bytes %s", java.util.Arrays.toString(b))
          .isInstanceOf(FormatException.class);
      assertThatThrownBy(() -> readAll(trickle(b, 1))).isInstanceOf(FormatException.class);
    }
  }

  @Test
  void deliversTheTextBeforeABadByteFirst() throws Exception {
    byte[] b = {'o', 'k', (byte) 0xC3, (byte) 0xA9, '\n', (byte) 0xFF, 'z'};
    CharSource s = new CharSource(new ByteArrayInputStream(b), StandardCharsets.UTF_8);
    int n = s.fill(1);
    assertThat(new String(s.array(), 0, n)).isEqualTo("oké\n");
    assertThatThrownBy(() -> s.fill(2)).isInstanceOf(FormatException.class);
  }
}
