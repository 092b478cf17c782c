package dev.pgqrs.quarkus.deployment.txn;

/** The message payload. */
public record Order(String id, String via) {
}
