package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages orders = Messages.of(MessagesTest.class, "io/taskport/testbundle/orders");

  @Test
  void theChineseBundleHasEveryEnglishKeyAndNoOther() throws Exception {
    java.util.Properties en = new java.util.Properties();
    java.util.Properties zh = new java.util.Properties();
    try (var a = getClass().getResourceAsStream("/io/taskport/messages.properties");
        var b = getClass().getResourceAsStream("/io/taskport/messages_zh_CN.properties")) {
      en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
      zh.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(zh.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
    assertThat(en.getProperty("row.separator")).isEqualTo("; ");
    assertThat(en.getProperty("limit.stoppedAt")).startsWith(" (");
  }

  @Test
  void formatsTaskportsOwnTextsInEnglishAndChinese() {
    assertThat(Messages.format(Locale.ENGLISH, "submit.unknownImportType", "x", "[a, b]"))
        .isEqualTo("unknown import type 'x'; known: [a, b]");
    assertThat(Messages.format(Locale.SIMPLIFIED_CHINESE, "submit.unknownImportType", "x", "[a]"))
        .isEqualTo("未知的导入类型“x”；可用的类型：[a]");
  }

  @Test
  void picksAFileByLanguageAndCountryThenLanguageThenEnglish() {
    assertThat(Messages.format(null, "submit.emptyFile")).isEqualTo("the uploaded file is empty");
    assertThat(Messages.format(Locale.forLanguageTag("en-GB"), "submit.emptyFile"))
        .isEqualTo("the uploaded file is empty");
    assertThat(Messages.format(Locale.forLanguageTag("fr-FR"), "submit.emptyFile"))
        .isEqualTo("the uploaded file is empty");
    for (String tag : new String[] {"zh", "zh-CN", "zh-Hans-CN", "zh-TW"}) {
      assertThat(Messages.format(Locale.forLanguageTag(tag), "submit.emptyFile"))
          .as(tag)
          .isEqualTo("上传的文件是空的");
    }
  }

  @Test
  void aKeyFoundNowhereFormatsAsItselfAndExtraBracesStayAsWritten() {
    assertThat(Messages.format(Locale.ENGLISH, "no.such.key", 1)).isEqualTo("no.such.key");
    assertThat(Messages.format(Locale.ENGLISH, "submit.unknownImportType", "{1}"))
        .isEqualTo("unknown import type '{1}'; known: {1}");
  }

  @Test
  void aHandlerBundleHasItsOwnKeysOverridesAndFallsBackToTaskports() {
    assertThat(orders.text(Locale.CHINA, "orders.sku.unknown", "A-1")).isEqualTo("未知的商品编码“A-1”");
    assertThat(orders.text(Locale.ENGLISH, "orders.sku.unknown", "A-1"))
        .isEqualTo("unknown SKU 'A-1'");
    assertThat(orders.text(Locale.ENGLISH, "submit.emptyFile")).isEqualTo("nothing was uploaded");
    // the handler's Chinese file lacks the key: Taskport's Chinese comes before its English
    assertThat(orders.text(Locale.CHINA, "submit.emptyFile")).isEqualTo("上传的文件是空的");
    assertThat(orders.text(Locale.CHINA, "submit.unknownExportType", "y", "[]"))
        .isEqualTo("未知的导出类型“y”；可用的类型：[]");
    assertThat(orders.has("orders.sku.unknown")).isTrue();
    assertThat(orders.has("orders.nothing")).isFalse();
  }

  @Test
  void textsListsEveryLanguageOfAKeyForHeaderMatching() {
    assertThat(orders.texts("header.quantity")).containsExactly("Quantity", "数量");
    assertThat(orders.texts("submit.emptyFile")).containsExactly("nothing was uploaded", "上传的文件是空的");
    assertThat(orders.texts("missing")).isEmpty();
  }

  @Test
  void readsBcp47TagsAndRefusesOnesWithoutALanguage() {
    assertThat(Messages.locale(null)).isEqualTo(Locale.ENGLISH);
    assertThat(Messages.locale("zh-CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(Messages.locale("zh_CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(Messages.tag(" zh_cn ")).isEqualTo("zh-CN");
    assertThat(Messages.tag("")).isNull();
    assertThatThrownBy(() -> Messages.tag("12345"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zh-CN");
    assertThat(ImportRequest.of("a", "ann", "a.csv").locale(Locale.CHINA).locale())
        .isEqualTo("zh-CN");
    assertThat(ExportRequest.of("a", "ann").locale(null).locale()).isNull();
  }

  @Test
  void aMessageKeyFormatsLaterInTheReadersLanguage() {
    MessageKey k = orders.key("orders.sku.unknown", "B-2");
    assertThat(k.format(Locale.CHINA)).isEqualTo("未知的商品编码“B-2”");
    assertThat(k.format(null)).isEqualTo("unknown SKU 'B-2'");
    assertThat(k).hasToString("unknown SKU 'B-2'");
    assertThat(MessageKey.of("submit.emptyFile").format(Locale.CHINA)).isEqualTo("上传的文件是空的");
  }
}
