package io.taskport;

import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.Header;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Domain types of the manager tests. */
public final class Fixtures {
  private Fixtures() {}

  record Filter(String region, int limit) {}

  record Account(String name, BigDecimal balance, LocalDate opened) {}

  public record AccountRow(
      @Header(value = "Name", aliases = "姓名", required = true) String name,
      @Header(value = "E-mail", aliases = {"邮箱", "mail"}, required = true) String email,
      @Header("Balance") BigDecimal balance,
      @Header("Opened") LocalDate opened,
      @Header("Active") Boolean active) {}

  static List<Column<Account>> columns() {
    return List.of(
        Column.text("Name", Account::name),
        Column.decimal("Balance", Account::balance),
        Column.date("Opened", Account::opened));
  }

  static Account account(int i) {
    return new Account("account " + i, BigDecimal.valueOf(i, 2), LocalDate.of(2024, 1, 1));
  }

  /** An export of {@code limit} accounts whose body the test supplies. */
  static ExportHandler<Filter, Account> export(String type, ExportHandler.Body<Filter, Account> body) {
    return ExportHandler.of(type, Filter.class, p -> columns(), body);
  }
}
