package dev.pgqrs.demo;

/** What billing makes of an order. */
public record Invoice(long orderId, long totalCents) {
}
