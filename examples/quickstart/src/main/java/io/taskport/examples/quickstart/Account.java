package io.taskport.examples.quickstart;

import io.taskport.handler.Header;
import java.math.BigDecimal;
import java.time.LocalDate;

/** An account, as exported and as imported. */
public record Account(
    @Header(value = "ID", required = true) long id,
    @Header(value = "Name", aliases = "姓名", required = true) String name,
    @Header(value = "E-mail", aliases = "邮箱", required = true, example = "ann@example.com")
        String email,
    @Header(value = "Balance", aliases = "余额") BigDecimal balance,
    @Header(value = "Opened", aliases = "开户日期") LocalDate opened,
    @Header("Active") Boolean active) {}
