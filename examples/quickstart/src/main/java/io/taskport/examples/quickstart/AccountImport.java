package io.taskport.examples.quickstart;

import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowErrors;
import io.taskport.handler.RowMapping;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Imports accounts: checks each row, and counts what it would save. */
public final class AccountImport implements ImportHandler<Map<String, Object>, Account> {
  private final AtomicLong saved = new AtomicLong();

  @Override
  public String type() {
    return "accounts";
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  public Class<Map<String, Object>> paramsType() {
    return (Class) Map.class;
  }

  @Override
  public RowMapping<Account> mapping() {
    return RowMapping.ofRecord(Account.class);
  }

  @Override
  public void check(Account row, RowErrors errors) {
    if (!row.email().matches("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}")) {
      errors.add("E-mail", "is not an e-mail address");
    }
    if (row.balance() != null && row.balance().signum() < 0) {
      errors.add("Balance", "must not be negative");
    }
  }

  @Override
  public void accept(ImportContext<Map<String, Object>> ctx, List<Account> batch) {
    saved.addAndGet(batch.size()); // a real handler saves the batch in one transaction
  }

  /** Returns how many rows were handed to {@link #accept}. */
  public long saved() {
    return saved.get();
  }
}
