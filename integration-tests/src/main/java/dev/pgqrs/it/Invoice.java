package dev.pgqrs.it;

import java.math.BigDecimal;

/** The invoice billed for one order. */
public record Invoice(String orderId, String customer, BigDecimal amount, BigDecimal tax, BigDecimal total) {
}
