package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskport.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The module's file errors in the user's language, and its bundles in step. */
class ExcelTextsTest {
  private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
  private final XlsxFormat xlsx = new XlsxFormat();

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = ExcelTextsTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyTextHasAChineseTranslation() throws IOException {
    for (String base : new String[] {"messages", "template"}) {
      assertThat(bundle(base + "_zh_CN.properties").stringPropertyNames())
          .as(base)
          .containsExactlyInAnyOrderElementsOf(bundle(base + ".properties").stringPropertyNames());
    }
  }

  @Test
  void aHostileWorkbookIsRefusedInTheUsersLanguage() {
    byte[] bytes =
        Packages.workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")
            .sharedStrings("<si><t>x</t></si>")
            .zip();
    FormatException e =
        catchThrowableOfType(FormatException.class, () -> Io.read(xlsx.maxEntries(3), bytes));
    assertThat(e.getMessage()).contains("XLSX rejected: more than 3 zip entries");
    assertThat(e.getMessage(ZH)).contains("ZIP 条目超过 3 个").doesNotContain("rejected");
  }

  @Test
  void aDamagedWorkbookIsRefusedInTheUsersLanguage() {
    byte[] bytes = "PK\u0003\u0004 not really a zip archive".getBytes(StandardCharsets.ISO_8859_1);
    FormatException e = catchThrowableOfType(FormatException.class, () -> Io.read(xlsx, bytes));
    assertThat(e.getMessage(ZH)).startsWith("不是有效的 XLSX 文件").doesNotContain("valid");
    assertThat(e.getMessage(Locale.ENGLISH)).startsWith("not a valid XLSX file");
  }
}
