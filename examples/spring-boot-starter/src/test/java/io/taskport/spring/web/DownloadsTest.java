package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadsTest {
  @Test
  void contentDisposition_ofAsciiName_isPlain() {
    assertThat(Downloads.contentDisposition("accounts.xlsx"))
        .isEqualTo("attachment; filename=\"accounts.xlsx\"");
  }

  @Test
  void contentDisposition_ofNonAsciiName_addsRfc5987Form() {
    assertThat(Downloads.contentDisposition("账户 数据.csv"))
        .isEqualTo(
            "attachment; filename=\"__ __.csv\"; filename*=UTF-8''%E8%B4%A6%E6%88%B7%20%E6%95%B0%E6%8D%AE.csv");
  }

  @Test
  void contentDisposition_dropsLineBreaksQuotesAndPathSeparators() {
    String h = Downloads.contentDisposition("../a\r\nSet-Cookie: x=\"1\"\\b/c;.csv");
    assertThat(h).doesNotContain("\r").doesNotContain("\n").doesNotContain("/").doesNotContain("\\");
    assertThat(h).startsWith("attachment; filename=\"");
    assertThat(h.substring("attachment; filename=\"".length(), h.length() - 1)).doesNotContain("\"");
  }
}
