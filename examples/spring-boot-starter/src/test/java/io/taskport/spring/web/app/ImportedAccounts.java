package io.taskport.spring.web.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Where the demo keeps imported accounts: only a count per owner, in memory. */
@Component
public class ImportedAccounts {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void add(String owner, List<AccountRow> rows) {
    counts.computeIfAbsent(owner, k -> new AtomicLong()).addAndGet(rows.size());
  }

  /** Returns how many accounts an owner imported since the application started. */
  public long count(String owner) {
    AtomicLong c = counts.get(owner);
    return c == null ? 0 : c.get();
  }
}
