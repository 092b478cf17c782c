package dev.pgqrs;

import java.time.Instant;
import java.util.Map;

/** A message that was given up on, with the reason; it can be replayed into its queue. */
public record DeadLetter(long id, String queue, String payload, Map<String, String> headers, int readCount,
        Instant enqueuedAt, Instant deadAt, String reason) {
}
