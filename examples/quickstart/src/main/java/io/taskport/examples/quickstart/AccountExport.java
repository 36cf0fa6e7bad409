package io.taskport.examples.quickstart;

import io.taskport.format.Column;
import io.taskport.handler.ExportContext;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.RowSink;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Exports generated accounts; the params say how many. */
public final class AccountExport implements ExportHandler<AccountExport.Params, Account> {
  /** How many accounts to export. */
  public record Params(int rows) {}

  @Override
  public String type() {
    return "accounts";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params params) {
    if (params.rows() < 1 || params.rows() > 5_000_000) {
      throw new io.taskport.ValidationException("params.rows", "must be 1 to 5,000,000");
    }
  }

  @Override
  public List<Column<Account>> columns(Params params) {
    return List.of(
        Column.integer("ID", Account::id),
        Column.text("Name", Account::name),
        Column.text("E-mail", Account::email),
        Column.decimal("Balance", Account::balance).pattern("#,##0.00"),
        Column.date("Opened", Account::opened),
        Column.bool("Active", Account::active));
  }

  @Override
  public void export(ExportContext<Params> ctx, RowSink<Account> out) {
    int rows = ctx.params().rows();
    out.expect(rows);
    for (int i = 1; i <= rows; i++) {
      out.write(account(i));
    }
  }

  static Account account(long i) {
    return new Account(
        i,
        "Customer " + i,
        "customer" + i + "@example.com",
        BigDecimal.valueOf(i * 37 % 1_000_000, 2),
        LocalDate.of(2020, 1, 1).plusDays(i % 1500),
        i % 3 != 0);
  }
}
