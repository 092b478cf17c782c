package dev.pgqrs.it;

import java.math.BigDecimal;

/** An order as posted to {@code /orders}; a negative amount is a poison order that billing refuses. */
public record Order(String id, String customer, BigDecimal amount) {
}
