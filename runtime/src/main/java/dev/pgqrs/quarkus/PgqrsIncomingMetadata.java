package dev.pgqrs.quarkus;

import dev.pgqrs.Message;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What pgqrs knows about a received message; on every message of a pgqrs channel
 * ({@code message.getMetadata(PgqrsIncomingMetadata.class)}).
 *
 * @param readCount how many times the message has been delivered, this delivery included
 * @param visibleUntil when the lease of this delivery ends unless extended (the connector extends it while processing)
 */
public record PgqrsIncomingMetadata(long id, String queue, int readCount, Instant enqueuedAt, Instant visibleUntil,
        Map<String, String> headers) {

    public PgqrsIncomingMetadata {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    static PgqrsIncomingMetadata of(Message message) {
        return new PgqrsIncomingMetadata(message.id(), message.queue(), message.readCount(), message.enqueuedAt(),
                message.visibleUntil(), message.headers());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The W3C trace context of the producer, when it sent one. */
    public Optional<String> traceparent() {
        return header(PgqrsOutgoingMetadata.TRACEPARENT);
    }
}
