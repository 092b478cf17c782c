package dev.pgqrs;

import java.time.Instant;

/**
 * A queue and its policy.
 *
 * @param maxReadCount how many times a message may be delivered; the delivery that would pass it
 *                     moves the message to dead letters instead
 */
public record QueueInfo(long id, String name, int maxReadCount, Instant createdAt) {
}
