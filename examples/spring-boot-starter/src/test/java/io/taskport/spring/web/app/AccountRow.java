package io.taskport.spring.web.app;

import io.taskport.handler.Header;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** One row of an accounts import; headers match in English or Chinese. */
public record AccountRow(
    @Header(value = "Name", aliases = {"姓名", "Full name"}, required = true, example = "Ann Lee")
        @Nullable String name,
    @Header(value = "Email", aliases = {"邮箱", "E-mail"}, required = true, example = "ann@example.com")
        @Nullable String email,
    @Header(value = "Region", aliases = {"地区"}, example = "EU") @Nullable String region,
    @Header(value = "Balance", aliases = {"余额"}, example = "1200.50") @Nullable BigDecimal balance) {}
