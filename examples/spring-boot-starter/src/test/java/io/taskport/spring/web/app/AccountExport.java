package io.taskport.spring.web.app;

import io.taskport.Messages;
import io.taskport.ValidationException;
import io.taskport.ValidationException.Violation;
import io.taskport.format.Column;
import io.taskport.handler.ExportContext;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.RowSink;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Exports generated accounts, filtered by region and balance. */
@Component
public class AccountExport implements ExportHandler<AccountFilter, Account> {
  /** The most rows one export writes. */
  public static final int MAX_ROWS = 200_000;

  @Override
  public String type() {
    return "accounts";
  }

  @Override
  public Class<AccountFilter> paramsType() {
    return AccountFilter.class;
  }

  @Override
  public void validate(AccountFilter p) {
    List<Violation> errors = new ArrayList<>();
    if (p.region() != null && !Accounts.REGIONS.contains(p.region())) {
      errors.add(new Violation("params.region", "must be one of " + Accounts.REGIONS));
    }
    if (p.minBalance() != null && p.minBalance().signum() < 0) {
      errors.add(new Violation("params.minBalance", "must be >= 0"));
    }
    if (p.rowsOrDefault() < 1 || p.rowsOrDefault() > MAX_ROWS) {
      errors.add(new Violation("params.rows", "must be 1 to " + MAX_ROWS));
    }
    if (p.paceOrDefault() < 0 || p.paceOrDefault() > 200) {
      errors.add(new Violation("params.pace", "must be 0 to 200"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /** Headers in the user's language: {@code io/taskport/spring/web/app/accounts*.properties}. */
  @Override
  public Messages messages() {
    return LABELS;
  }

  private static final Messages LABELS =
      Messages.of(AccountExport.class, "io/taskport/spring/web/app/accounts");

  @Override
  public List<Column<Account>> columns(AccountFilter p) {
    return List.of(
        Column.integer("ID", Account::id),
        Column.text("Name", Account::name),
        Column.text("Email", Account::email),
        Column.text("Region", Account::region),
        Column.decimal("Balance", Account::balance).pattern("#,##0.00"),
        Column.date("Opened", Account::opened));
  }

  @Override
  public void export(ExportContext<AccountFilter> ctx, RowSink<Account> out)
      throws InterruptedException {
    AccountFilter p = ctx.params();
    int rows = p.rowsOrDefault();
    out.expect(rows);
    long id = 0;
    long maxCandidates = (long) rows * 50;
    while (out.count() < rows && id < maxCandidates) {
      Account a = Accounts.generate(++id);
      if (matches(p, a)) {
        out.write(a);
        if (out.count() % 1000 == 0) {
          ctx.progress(out.count(), rows);
          ctx.checkCancelled();
          if (p.paceOrDefault() > 0) {
            Thread.sleep(p.paceOrDefault()); // demo pacing, so the page can show progress
          }
        }
      }
    }
  }

  private static boolean matches(AccountFilter p, Account a) {
    BigDecimal min = p.minBalance();
    return (p.region() == null || p.region().equals(a.region()))
        && (min == null || a.balance().compareTo(min) >= 0);
  }

  @Override
  public String fileName(AccountFilter p) {
    return p.region() == null ? "accounts" : "accounts-" + p.region().toLowerCase(java.util.Locale.ROOT);
  }
}
