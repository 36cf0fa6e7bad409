package io.taskport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.ValidationException;
import io.taskport.format.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChosenColumnsTest {
  private static final List<Column<String>> DECLARED = List.of(
      Column.<String>text("Name", s -> s), Column.<String>text("Code", s -> s).key("code"),
      Column.<String>text("Note", s -> s));

  @Test
  void select_returnsTheChosenColumnsInTheChosenOrder_orAllWhenNone() {
    assertThat(ChosenColumns.select(DECLARED, List.of("Note", "code"), null))
        .extracting(Column::header).containsExactly("Note", "Code");
    assertThat(ChosenColumns.select(DECLARED, List.of(), null)).isSameAs(DECLARED);
  }

  @Test
  void select_matchesKeysNotHeaders_andReportsUnknownAndRepeatedTogether() {
    assertThatThrownBy(() -> ChosenColumns.select(DECLARED, List.of("Code", "Name", "Name"), null))
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.violations()).extracting(ValidationException.Violation::message)
                .containsExactly(
                    "this export has no columns 'Code'; choose from 'Name', 'code', 'Note'",
                    "columns chosen more than once: 'Name'; choose each column once"));
  }

  @Test
  void select_saysWhatIsWrongInTheSubmittersLanguage() {
    assertThatThrownBy(() -> ChosenColumns.select(DECLARED, List.of("电话", "Name", "Name"),
            java.util.Locale.SIMPLIFIED_CHINESE))
        .isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.violations()).extracting(ValidationException.Violation::message)
                .containsExactly(
                    "此导出没有这些列：'电话'；可选的列：'Name', 'code', 'Note'",
                    "这些列被选择了多次：'Name'；每列只能选择一次"));
  }

  @Test
  void select_listsAtMostFiftyUnknownKeys_withTheirCount() {
    List<String> many = java.util.stream.IntStream.range(0, 70).mapToObj(i -> "x" + i).toList();
    assertThatThrownBy(() -> ChosenColumns.select(DECLARED, many, null))
        .hasMessageContaining("'x48', 'x49', … (70); choose from 'Name'")
        .hasMessageNotContaining("'x50'");
  }

  @Test
  void storedParams_keepTheKeys_andBindWithoutThem() {
    String stored = ChosenColumns.store("{\"region\":\"EU\"}", List.of("b", "a"));
    assertThat(ChosenColumns.of(stored)).containsExactly("b", "a");
    assertThat(ChosenColumns.handlerParams(stored)).isEqualTo("{\"region\":\"EU\"}");

    String none = ChosenColumns.store("null", List.of("a")); // a handler without params
    assertThat(ChosenColumns.of(none)).containsExactly("a");
    assertThat(ChosenColumns.handlerParams(none)).isEqualTo("{}");

    assertThat(ChosenColumns.store("{}", List.of())).isEqualTo("{}");
    assertThat(ChosenColumns.of("{\"note\":\"@columns\"}")).isEmpty();
    assertThat(ChosenColumns.handlerParams("null")).isEqualTo("null");
  }

  @Test
  void refuseReserved_refusesParamsThatHoldTheKey() {
    ChosenColumns.refuseReserved("{\"note\":\"@columns\"}", null);
    assertThatThrownBy(() -> ChosenColumns.refuseReserved("{\"@columns\":[\"x\"]}", null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("params.@columns: is reserved");
  }
}
