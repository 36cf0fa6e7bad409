package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.format.FormatOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The formula guard's edges: what spreadsheets skip before a formula, and plain numbers. */
class FormulaGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {" =1+2", "   @SUM(A1)", "\u00A0=1+2", "\uFEFF=1+2", "\u2007+cmd",
      " \u00A0\uFEFF-2+3", "+49 123", "-", "+", "-1+2", "=1", "-2.5e", "+.e3"})
  void guardsAFormulaAfterLeadingSpacesOrABom(String text) throws Exception {
    assertThat(Cells.isFormulaTrigger(text)).as("%s", text).isTrue();
    assertThat(csvCell(text)).isEqualTo("\"'" + text + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-2.5", "+49", "-0", "-1e5", "+1.5E-3", "-.5", "12", "", "   ",
      "plain text", "a=1"})
  void leavesPlainNumbersAndOrdinaryTextAlone(String text) throws Exception {
    assertThat(Cells.isFormulaTrigger(text)).as("%s", text).isFalse();
    assertThat(csvCell(text)).isEqualTo("\"" + text + "\"");
  }

  private static String csvCell(String text) throws Exception {
    byte[] bytes = Io.write(new CsvFormat(), FormulaInjectionTest.COLUMNS,
        FormatOptions.defaults(), List.of(Arrays.asList(text, null)));
    String csv = new String(bytes, StandardCharsets.UTF_8);
    String row = csv.substring(csv.indexOf("\r\n") + 2);
    return row.substring(0, row.lastIndexOf(",\r\n"));
  }
}
