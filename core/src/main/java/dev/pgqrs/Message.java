package dev.pgqrs;

import java.time.Instant;
import java.util.Map;

/**
 * A message claimed from a queue. It stays invisible to other consumers until {@link #visibleUntil()};
 * acknowledge, extend or release it with its {@link #receipt()}.
 *
 * @param payload JSON text
 * @param headers string headers (never null; empty when the producer set none)
 * @param readCount how many times the message has been claimed, this claim included
 */
public record Message(long id, String queue, String payload, Map<String, String> headers, int readCount,
        Instant enqueuedAt, Instant visibleUntil) {

    public Receipt receipt() {
        return new Receipt(id, readCount);
    }
}
