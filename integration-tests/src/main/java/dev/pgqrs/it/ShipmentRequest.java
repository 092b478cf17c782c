package dev.pgqrs.it;

/** The payload of queue shipments. */
public record ShipmentRequest(String orderId, String carrier) {
}
