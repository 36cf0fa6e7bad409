package io.taskport.spring.web.app;

import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.ImportMode;
import io.taskport.handler.RowErrors;
import io.taskport.handler.RowMapping;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Imports accounts into {@link ImportedAccounts}, rejecting rows with a bad name, email, region or balance. */
@Component
public class AccountImport implements ImportHandler<ImportOptions, AccountRow> {
  private static final Pattern EMAIL =
      Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+$");
  private static final RowMapping<AccountRow> MAPPING = RowMapping.ofRecord(AccountRow.class);

  private final ImportedAccounts imported;

  /** Creates the handler over the store of imported accounts. */
  public AccountImport(ImportedAccounts imported) {
    this.imported = imported;
  }

  @Override
  public String type() {
    return "accounts";
  }

  @Override
  public Class<ImportOptions> paramsType() {
    return ImportOptions.class;
  }

  @Override
  public ImportMode mode(ImportOptions options) {
    return Boolean.TRUE.equals(options.allOrNothing())
        ? ImportMode.ALL_OR_NOTHING
        : ImportMode.BEST_EFFORT;
  }

  @Override
  public RowMapping<AccountRow> mapping() {
    return MAPPING;
  }

  @Override
  public void check(AccountRow row, RowErrors errors) {
    if (row.name() == null || row.name().isBlank()) {
      errors.add("Name", "is required");
    } else if (row.name().length() > 100) {
      errors.add("Name", "must be at most 100 characters");
    }
    if (row.email() == null || !EMAIL.matcher(row.email()).matches()) {
      errors.add("Email", "is not a valid email address");
    }
    if (row.region() != null && !row.region().isBlank() && !Accounts.REGIONS.contains(row.region())) {
      errors.add("Region", "must be one of " + Accounts.REGIONS);
    }
    if (row.balance() != null && row.balance().signum() < 0) {
      errors.add("Balance", "must be >= 0");
    }
  }

  @Override
  public void accept(ImportContext<ImportOptions> ctx, List<AccountRow> batch) {
    imported.add(ctx.owner(), batch);
  }
}
