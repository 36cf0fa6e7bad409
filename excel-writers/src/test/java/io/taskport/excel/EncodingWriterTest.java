package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodingWriterTest {

  @Test
  void encodesLikeStringGetBytesWhateverTheChunkBoundaries() throws Exception {
    Random random = new Random(7);
    String[] pieces = {"a", "中文", "😀", "\"q\"", ",", "\r\n", "é", "x".repeat(100)};
    StringBuilder expected = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EncodingWriter w = new EncodingWriter(bytes, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 20_000; i++) {
        String p = pieces[random.nextInt(pieces.length)];
        expected.append(p);
        switch (i % 3) {
          case 0 -> w.write(p);
          case 1 -> w.write(p.toCharArray(), 0, p.length());
          default -> p.chars().forEach(c -> write(w, c));
        }
      }
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
  }

  @Test
  void keepsASurrogatePairWholeAcrossAChunk() throws Exception {
    String text = "x".repeat(8191) + "😀" + "y";
    for (Charset cs : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16LE}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (EncodingWriter w = new EncodingWriter(bytes, cs)) {
        text.chars().forEach(c -> write(w, c));
      }
      assertThat(bytes.toByteArray()).as(cs.name()).isEqualTo(text.getBytes(cs));
    }
  }

  @Test
  void closeFlushesButLeavesTheStreamOpen() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EncodingWriter w = new EncodingWriter(bytes, StandardCharsets.UTF_8);
    w.write("abc");
    assertThat(bytes.size()).isZero();
    w.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("abc");
    bytes.write('d');
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("abcd");
  }

  private static void write(EncodingWriter w, int c) {
    try {
      w.write(c);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
