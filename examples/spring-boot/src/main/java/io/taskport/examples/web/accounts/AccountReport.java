package io.taskport.examples.web.accounts;

import io.taskport.format.Column;
import io.taskport.handler.ExportContext;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.RowSink;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** A workbook of two sheets: the first 1,000 generated accounts, and their totals per region. */
@Component
public class AccountReport implements ExportHandler<Void, Account> {
  /** The accounts the report lists. */
  public static final int ROWS = 1_000;

  /** The totals of one region. */
  public record RegionTotal(String region, long accounts, BigDecimal balance) {}

  @Override
  public String type() {
    return "account-report";
  }

  @Override
  public Class<Void> paramsType() {
    return Void.class;
  }

  @Override
  public List<String> sheets(Void params) {
    return List.of("Accounts", "By region");
  }

  @Override
  public List<Column<Account>> columns(Void params) {
    return List.of(
        Column.integer("ID", Account::id),
        Column.text("Name", Account::name),
        Column.text("Region", Account::region),
        Column.decimal("Balance", Account::balance).pattern("#,##0.00"),
        Column.date("Opened", Account::opened));
  }

  @Override
  public void export(ExportContext<Void> ctx, RowSink<Account> out) {
    out.expect(ROWS);
    Map<String, RegionTotal> totals = new TreeMap<>();
    for (long id = 1; id <= ROWS; id++) {
      Account a = Accounts.generate(id);
      out.write(a);
      totals.merge(a.region(), new RegionTotal(a.region(), 1, a.balance()),
          (x, y) -> new RegionTotal(x.region(), x.accounts() + 1, x.balance().add(y.balance())));
    }
    RowSink<RegionTotal> byRegion = out.sheet("By region", List.of(
        Column.text("Region", RegionTotal::region),
        Column.integer("Accounts", RegionTotal::accounts),
        Column.decimal("Balance", RegionTotal::balance).pattern("#,##0.00")));
    byRegion.writeAll(totals.values());
  }

  @Override
  public String fileName(Void params) {
    return "account-report";
  }
}
