package io.taskport.examples.web.accounts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A generated demo account. */
public record Account(
    long id, String name, String email, String region, BigDecimal balance, LocalDate opened) {}
