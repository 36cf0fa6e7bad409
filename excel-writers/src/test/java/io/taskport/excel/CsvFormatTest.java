package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.FormatException;
import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
  private final CsvFormat csv = new CsvFormat();
  private static final String LONG = "x".repeat(30_000);

  static List<Column<List<?>>> allTypes() {
    return List.of(
        Column.of("Text", ColumnType.TEXT, at(0)),
        Column.of("Int", ColumnType.INTEGER, at(1)),
        Column.of("Dec", ColumnType.DECIMAL, at(2)),
        Column.of("Date", ColumnType.DATE, at(3)),
        Column.of("When", ColumnType.DATETIME, at(4)),
        Column.of("Ok", ColumnType.BOOLEAN, at(5)));
  }

  private static Function<List<?>, Object> at(int i) {
    return r -> r.get(i);
  }

  static List<List<?>> allTypeRows() {
    return List.of(
        List.of("中文 テキスト 😀", 123456789012345L, new BigDecimal("12.50"),
            LocalDate.of(2024, 3, 1), LocalDateTime.of(2024, 3, 1, 8, 30, 5), true),
        Arrays.asList(null, null, null, null, null, null),
        List.of("line1\nline2\r\nline3, \"quoted\"", BigInteger.TEN.pow(20), 0.1,
            LocalDate.of(1900, 1, 1), Instant.parse("2024-12-31T23:59:59Z"), false),
        List.of(LONG, -5, 1.0, LocalDate.of(9999, 12, 31), LocalDateTime.of(2000, 1, 1, 0, 0),
            true));
  }

  @Test
  void roundTrip_keepsEveryTypeNullsUnicodeAndNewlines() throws Exception {
    byte[] bytes = Io.write(csv, allTypes(), FormatOptions.defaults(), allTypeRows());
    List<Row> rows = Io.read(csv, bytes);

    assertThat(Io.cells(rows)).containsExactly(
        List.of("Text", "Int", "Dec", "Date", "When", "Ok"),
        List.of("中文 テキスト 😀", "123456789012345", "12.50", "2024-03-01", "2024-03-01T08:30:05",
            "true"),
        List.of("", "", "", "", "", ""),
        List.of("line1\nline2\r\nline3, \"quoted\"", "100000000000000000000", "0.1",
            "1900-01-01", "2024-12-31T23:59:59", "false"),
        List.of(LONG, "-5", "1", "9999-12-31", "2000-01-01T00:00:00", "true"));
    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 3L, 4L, 7L); // lines
  }

  @Test
  void write_usesBomCrlfAndQuotesTextByDefault() throws Exception {
    List<Column<List<?>>> cols = List.of(Column.of("a", ColumnType.TEXT, at(0)),
        Column.of("b", ColumnType.INTEGER, at(1)));
    byte[] bytes = Io.write(csv, cols, FormatOptions.defaults(),
        List.of(List.of("x", 1), Arrays.asList("", null), Arrays.asList(null, 2)));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("\uFEFF\"a\",\"b\"\r\n\"x\",1\r\n\"\",\r\n,2\r\n");
  }

  @Test
  void write_honoursDelimiterCharsetLineSeparatorAndPatterns() throws Exception {
    List<Column<List<?>>> cols = List.of(Column.<List<?>>of("a", ColumnType.TEXT, at(0)),
        Column.<List<?>>of("b", ColumnType.DECIMAL, at(1)).pattern("#,##0.00"),
        Column.<List<?>>of("c", ColumnType.DATE, at(2)).pattern("dd.MM.yyyy"));
    FormatOptions o = FormatOptions.defaults().delimiter(';').charset(Charset.forName("GBK"))
        .lineSeparator("\n");
    byte[] bytes = Io.write(csv, cols, o, List.of(List.of("中文", 1234.5, LocalDate.of(2024, 3, 1))));

    assertThat(new String(bytes, Charset.forName("GBK")))
        .isEqualTo("\"a\";\"b\";\"c\"\n\"中文\";1,234.50;01.03.2024\n");
  }

  @Test
  void write_rejectsAValueOfTheWrongTypeOrCount() throws Exception {
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, at(0)));
    assertThatThrownBy(() -> Io.write(csv, cols, FormatOptions.defaults(), List.of(List.of("x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTEGER");
    assertThatThrownBy(() -> Io.write(csv, cols, FormatOptions.defaults(), List.of(List.of(1, 2))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 1 values");
  }

  @Test
  void read_decodesGbkByName() throws Exception {
    byte[] bytes = "名字,城市\r\n张三,北京\r\n".getBytes(Charset.forName("GBK"));
    List<Row> rows = Io.read(csv, bytes, FormatOptions.defaults().charset(Charset.forName("GBK")));
    assertThat(Io.cells(rows)).containsExactly(List.of("名字", "城市"), List.of("张三", "北京"));
  }

  @Test
  void read_detectsUtf16ByteOrderMarks() throws Exception {
    String text = "\uFEFFa;b\r\n中;😀\r\n";
    for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      List<Row> rows = Io.read(csv, text.getBytes(cs));
      assertThat(Io.cells(rows)).as(cs.name()).containsExactly(List.of("a", "b"), List.of("中", "😀"));
    }
  }

  @Test
  void read_emptyFileHasNoRows() throws Exception {
    assertThat(Io.read(csv, new byte[0])).isEmpty();
    assertThat(Io.read(csv, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).isEmpty();
  }

  @Test
  void read_headerOnlyFileHasOneRow() throws Exception {
    assertThat(Io.cells(Io.read(csv, "a,b".getBytes(StandardCharsets.UTF_8))))
        .containsExactly(List.of("a", "b"));
  }

  @Test
  void read_detectsSemicolonAndTabDelimiters() throws Exception {
    assertThat(Io.cells(Io.read(csv, "a;b,c;d\n1;2,5;3\n".getBytes(StandardCharsets.UTF_8))))
        .containsExactly(List.of("a", "b,c", "d"), List.of("1", "2,5", "3"));
    assertThat(Io.cells(Io.read(csv, "a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8))))
        .containsExactly(List.of("a", "b"), List.of("1", "2"));
    assertThat(Io.cells(Io.read(csv, "a;b\n".getBytes(StandardCharsets.UTF_8),
        FormatOptions.defaults().delimiter(',')))).containsExactly(List.of("a;b"));
  }

  @Test
  void read_returnsRaggedRowsAndBlankLinesAsTheyAre() throws Exception {
    byte[] bytes = "a,b,c\n1\n\n1,2,3,4\n\"x\"\"y\",\"\"\n".getBytes(StandardCharsets.UTF_8);
    List<Row> rows = Io.read(csv, bytes);
    assertThat(Io.cells(rows)).containsExactly(List.of("a", "b", "c"), List.of("1"), List.of(""),
        List.of("1", "2", "3", "4"), List.of("x\"y", ""));
  }

  @Test
  void read_parsesBomWithCarriageReturnOnlyLineEndings() throws Exception {
    byte[] bytes = "\uFEFFa,b\r1,\"x\ry\"\r2,3".getBytes(StandardCharsets.UTF_8);
    List<Row> rows = Io.read(csv, bytes);
    assertThat(Io.cells(rows)).containsExactly(List.of("a", "b"), List.of("1", "x\ry"),
        List.of("2", "3"));
    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 4L);
  }

  @Test
  void read_numbersEachRecordByTheLineItStartsOn() throws Exception {
    byte[] bytes =
        "h1,h2\r\n\"a\r\nb\",\"c\nd\re\"\r\n\"\"\"\r\n\"\"\",x\nlast,\"\"\n".getBytes(StandardCharsets.UTF_8);
    List<Row> rows = Io.read(csv, bytes);
    assertThat(Io.cells(rows)).containsExactly(List.of("h1", "h2"), List.of("a\r\nb", "c\nd\re"),
        List.of("\"\r\n\"", "x"), List.of("last", ""));
    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 6L, 8L);
  }

  @Test
  void read_namesTheLineOfAnUnterminatedQuote() {
    byte[] bytes = "a,b\n\"x\ny\",1\n\"open,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Io.read(csv, bytes))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.row()).isEqualTo(4));
  }

  @Test
  void read_rejectsInvalidUtf8NamingTheRow() throws Exception {
    byte[] head = "a,b\n1,2\n3,".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(head, head.length + 3);
    bytes[head.length] = (byte) 0xC3; // a lead byte without its continuation
    bytes[head.length + 1] = '\n';
    bytes[head.length + 2] = 'z';
    assertThatThrownBy(() -> Io.read(csv, bytes))
        .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.row()).isEqualTo(3))
        .hasMessageContaining("row 3").hasMessageContaining("UTF-8");
  }

  @Test
  void read_rejectsNulBytes() {
    byte[] bytes = "a,b\n1,\u00002\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Io.read(csv, bytes)).isInstanceOf(FormatException.class)
        .hasMessageContaining("NUL").hasMessageContaining("row 2");
  }

  @Test
  void matches_tellsTextFromZipAndOle2() {
    assertThat(csv.matches("a,b".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(csv.matches(new byte[0])).isTrue();
    assertThat(csv.matches(new byte[] {'P', 'K', 3, 4})).isFalse();
    assertThat(csv.matches(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
        (byte) 0xB1, 0x1A, (byte) 0xE1})).isFalse();
    assertThat(csv.matches(new byte[] {0x7F, 'E', 'L', 'F'})).isFalse();
  }
}
