package io.taskport.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Spreadsheet date serial numbers. In the 1900 system serial 1 is 1900-01-01 and serial 60 is
 * 1900-02-29, a day that never was (Excel keeps Lotus 1-2-3's leap-year error), so serials from
 * 61 on are one day ahead of a plain count; in the 1904 system serial 0 is 1904-01-01.
 */
final class Serials {
  /** 9999-12-31 in the 1900 system, the last date a spreadsheet holds. */
  static final long MAX_1900 = 2_958_465;

  /** 9999-12-31 in the 1904 system. */
  static final long MAX_1904 = MAX_1900 - 1462;

  /** The key of the text about 1900-02-29, which spreadsheets show but never was. */
  static final String FEBRUARY_29_1900 = "conv.february29of1900";

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private Serials() {}

  /** Returns the date and time of a serial, to the millisecond. */
  static LocalDateTime toDateTime(String text, double serial, boolean date1904) {
    long days = (long) Math.floor(serial);
    long millis = Math.round((serial - days) * MILLIS_PER_DAY);
    if (millis == MILLIS_PER_DAY) {
      days++;
      millis = 0;
    }
    long max = date1904 ? MAX_1904 : MAX_1900;
    if (days > max) {
      throw new Conversions.ConversionException("conv.afterLastDate", text);
    }
    LocalDate date;
    if (date1904) {
      date = LocalDate.of(1904, 1, 1).plusDays(days);
    } else if (days < 1) {
      throw new Conversions.ConversionException("conv.beforeFirstSerial", text);
    } else if (days == 60) {
      throw new Conversions.ConversionException(FEBRUARY_29_1900, text);
    } else {
      date = LocalDate.of(1899, 12, days < 60 ? 31 : 30).plusDays(days);
    }
    return date.atStartOfDay().plusNanos(millis * 1_000_000);
  }
}
