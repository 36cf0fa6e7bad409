package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.RowCounts;
import io.taskport.TaskError;
import io.taskport.TaskStatus;
import io.taskport.format.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row shape and header rows, imported from real CSV and XLSX files. */
class ImportShapeTest {
  @TempDir Path dir;
  private Imports imports;

  private Imports imports() {
    imports = new Imports(dir);
    return imports;
  }

  @AfterEach
  void close() {
    if (imports != null) {
      imports.close();
    }
  }

  private static byte[] csv(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<?> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void csv_shortRecordsAndStrayFieldsAreRowErrorsWithBothCounts() throws Exception {
    Imports.Outcome o =
        imports()
            .run(
                "people.csv",
                csv(
                    "Name,E-mail,Age\r\n"
                        + "Ann,a@x.io,1\r\n"
                        + "Bob,b@x.io\r\n"
                        + "stray\r\n"
                        + "Cid,c@x.io,3,,\r\n"
                        + "Dan,d@x.io,4,,x\r\n"));
    assertThat(o.task().result().counts()).isEqualTo(new RowCounts(5, 2, 3, 0));
    assertThat(o.accepted()).extracting(Imports.Person::name).containsExactly("Ann", "Cid");
    assertThat(o.report().subList(1, 4)).extracting(r -> r.cells().get(3))
        .containsExactly(
            "row 3: the row has 2 fields but the header has 3; add the missing fields"
                + " (a stray line break or a missing delimiter splits a row)",
            "row 4: the row has 1 field but the header has 3; add the missing fields"
                + " (a stray line break or a missing delimiter splits a row)",
            "row 6: the row has 5 fields but the header has 3; remove the values after column C"
                + " or give them a header");
    assertThat(o.report().get(1).cells()).startsWith("Bob", "b@x.io", "");
  }

  @Test
  void csv_blankLinesAreSkippedAndCounted() throws Exception {
    Imports.Outcome o = imports().run("p.csv", csv("Name,E-mail\r\n\r\n,\r\nAnn,a@x.io\r\n  ,\r\n"));
    assertThat(o.task().result().counts()).isEqualTo(new RowCounts(1, 1, 0, 3));
  }

  @Test
  void xlsx_blankRowsBetweenDataRowsAreCountedAsSkipped() throws Exception {
    byte[] file =
        Workbooks.xlsx(
            List.of(row("Name", "E-mail"), row("Ann", "a@x.io"), row(), row(), row("Bob", "b@x")));
    Imports.Outcome o = imports().run("p.xlsx", file);
    assertThat(o.task().result().counts()).isEqualTo(new RowCounts(2, 2, 0, 2));
  }

  @Test
  void xlsx_valuesBeyondTheHeaderRejectTheRow() throws Exception {
    byte[] file =
        Workbooks.xlsx(
            List.of(row("Name", "E-mail"), row("Ann", "a@x.io", null, "x"), row("Bob", "b@x")));
    Imports.Outcome o = imports().run("p.xlsx", file);
    assertThat(o.task().result().counts()).isEqualTo(new RowCounts(2, 1, 1, 0));
    assertThat(o.report().get(1).cells().get(2))
        .isEqualTo("row 2: the row has 4 columns but the header has 2; remove the values after"
            + " column B or give them a header");
  }

  @Test
  void xlsx_titleRowsAboveTheHeaderAreSkippedAndCounted() throws Exception {
    byte[] file =
        Workbooks.xlsx(
            List.of(
                row("Staff list, December"), row(), row("printed by", "ann"),
                row(null, "Name", "E-mail"), row(null, "Ann", "a@x.io")));
    Imports.Outcome o = imports().run("p.xlsx", file);
    assertThat(o.task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(o.task().result().counts()).isEqualTo(new RowCounts(1, 1, 0, 3));
    assertThat(o.accepted()).extracting(Imports.Person::email).containsExactly("a@x.io");
  }

  @Test
  void xlsx_headerRowCanBeFixed() throws Exception {
    Imports i = imports();
    i.headerRow = 2;
    byte[] file =
        Workbooks.xlsx(
            List.of(row("Name", "E-mail"), row("Name", "E-mail", "Note"), row("Ann", "a@x", "n")));
    Imports.Outcome o = i.run("p.xlsx", file);
    assertThat(o.accepted()).extracting(Imports.Person::note).containsExactly("n");
    assertThat(o.task().result().counts().skipped()).isEqualTo(1);
  }

  @Test
  void xlsx_noHeaderRowFailsNamingTheMissingColumnsAndTheRowLookedAt() throws Exception {
    byte[] file =
        Workbooks.xlsx(List.of(row("Staff"), row("Name", "Mail address"), row("Ann", "a@x.io")));
    Imports.Outcome o = imports().run("p.xlsx", file);
    assertThat(o.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(o.task().error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(o.error())
        .isEqualTo("the file lacks the required column 'E-mail'; none of the first 3 non-blank"
            + " rows has it, and row 2, the closest to a header row, has 1 of the columns; add"
            + " the column names and upload it again");
    assertThat(o.accepted()).isEmpty();
  }

  @Test
  void xlsx_duplicateHeadersFailBeforeAnyRowIsLoaded() throws Exception {
    byte[] file =
        Workbooks.xlsx(List.of(row("Name", "E-mail", "Age", "email"), row("Ann", "a@x", 3, "b")));
    Imports.Outcome o = imports().run("p.xlsx", file);
    assertThat(o.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(o.error())
        .isEqualTo("the header row 1 has the same column twice: 'E-mail' in column B and"
            + " 'email' in column D; rename or remove one of them");
    assertThat(o.accepted()).isEmpty();
  }

  @Test
  void csv_duplicateHeadersFailToo() throws Exception {
    Imports.Outcome o = imports().run("p.csv", csv("Name,E-mail,NAME\r\nAnn,a@x,b\r\n"));
    assertThat(o.error()).contains("'Name' in column A and 'NAME' in column C");
    assertThat(o.report()).extracting(Row::number).isEmpty();
  }

  @Test
  void csv_rowNumbersAreTheLinesWhereRecordsStart() throws Exception {
    Imports.Outcome o =
        imports()
            .run(
                "p.csv",
                csv("Name,E-mail,Note\r\nAnn,a@x,\"two\r\nlines\"\r\nBob,b@x,\"3\n4\n5\"\r\n"
                    + "Cid,,x\r\n"));
    assertThat(o.accepted()).extracting(Imports.Person::note)
        .containsExactly("two\r\nlines", "3\n4\n5");
    assertThat(o.report().get(1).cells().get(3)).isEqualTo("row 7: E-mail: a value is required");
  }
}
