package io.taskport.spring.web.app;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A generated demo account. */
public record Account(
    long id, String name, String email, String region, BigDecimal balance, LocalDate opened) {}
