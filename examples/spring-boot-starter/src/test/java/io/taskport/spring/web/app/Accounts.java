package io.taskport.spring.web.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/** Generates the same demo account for the same id, every time. */
final class Accounts {
  static final List<String> REGIONS = List.of("EU", "US", "APAC");
  private static final List<String> FIRST =
      List.of("Ann", "Bob", "Chen", "Dana", "Emil", "Fatima", "Goro", "Hana", "Ivan", "Jia");
  private static final List<String> LAST =
      List.of("Lee", "Smith", "Wang", "Garcia", "Novak", "Okafor", "Sato", "Muller", "Rossi");

  private Accounts() {}

  static Account generate(long id) {
    SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
    String first = FIRST.get(r.nextInt(FIRST.size()));
    String last = LAST.get(r.nextInt(LAST.size()));
    BigDecimal balance = BigDecimal.valueOf(r.nextLong(0, 10_000_000), 2).setScale(2, RoundingMode.UNNECESSARY);
    return new Account(
        id,
        first + " " + last,
        (first + "." + last + id).toLowerCase(java.util.Locale.ROOT) + "@example.com",
        REGIONS.get(r.nextInt(REGIONS.size())),
        balance,
        LocalDate.of(2015, 1, 1).plusDays(r.nextInt(3650)));
  }
}
