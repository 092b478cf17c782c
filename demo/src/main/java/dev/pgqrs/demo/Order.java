package dev.pgqrs.demo;

/** An order; a quantity of zero or less is a poison order that billing cannot handle. */
public record Order(long id, String item, int quantity, long unitPriceCents) {
}
