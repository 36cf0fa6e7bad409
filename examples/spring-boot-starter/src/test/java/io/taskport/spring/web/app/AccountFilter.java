package io.taskport.spring.web.app;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Params of the accounts export.
 *
 * @param region only accounts of this region (EU, US, APAC), or all
 * @param minBalance only accounts with at least this balance, or all
 * @param rows how many rows to write, 1 to {@value AccountExport#MAX_ROWS}; 10,000 by default
 * @param pace milliseconds to pause per 1,000 rows, 0 to 200, so the demo shows progress; 50 by
 *     default
 */
public record AccountFilter(
    @Nullable String region,
    @Nullable BigDecimal minBalance,
    @Nullable Integer rows,
    @Nullable Integer pace) {

  int rowsOrDefault() {
    return rows == null ? 10_000 : rows;
  }

  int paceOrDefault() {
    return pace == null ? 50 : pace;
  }
}
